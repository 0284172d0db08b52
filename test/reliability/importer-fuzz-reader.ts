import { parentPort } from 'node:worker_threads';
import { importGuide, lintRunbook, parseRunbook, RunbookInputError } from '../../electron/host/runbook/index';
import type { FuzzInput, FuzzTarget } from './fuzz-inputs';

/** What a fuzz worker answers for one input. */
export interface FuzzAnswer {
  /** ok: read; refused: the documented RunbookInputError; crash: anything else thrown. */
  result: 'ok' | 'refused' | 'crash';
  message?: string;
}

/** The host's readers, one per fuzz target. */
export const hostReaders: Record<FuzzTarget, (text: string) => unknown> = {
  'import-md': (text) => importGuide(text, 'fuzz.md'),
  'import-mdx': (text) => importGuide(text, 'fuzz.mdx'),
  'import-rst': (text) => importGuide(text, 'fuzz.rst'),
  'import-sh': (text) => importGuide(text, 'fuzz.sh'),
  'parse-runbook': (text) => parseRunbook(text, 'fuzz.md'),
  'lint-runbook': (text) => lintRunbook(text, 'fuzz.md'),
};

/**
 * Answers each input message with how reading it ended: the readers may throw only
 * RunbookInputError (electron/host/runbook/index.ts); anything else is a crash.
 */
export function serve(read: (input: FuzzInput) => unknown): void {
  parentPort?.on('message', (input: FuzzInput) => {
    let answer: FuzzAnswer;
    try {
      read(input);
      answer = { result: 'ok' };
    } catch (error) {
      answer =
        error instanceof RunbookInputError
          ? { result: 'refused' }
          : {
              result: 'crash',
              message: error instanceof Error ? (error.stack ?? error.message) : String(error),
            };
    }
    parentPort?.postMessage(answer);
  });
}
