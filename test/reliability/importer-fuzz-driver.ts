import { Worker } from 'node:worker_threads';
import type { FuzzInput } from './fuzz-inputs';
import type { FuzzAnswer } from './importer-fuzz-reader';

export interface ImporterFuzzCounters {
  inputs: number;
  ok: number;
  refused: number;
  /** Exceptions other than RunbookInputError, or the worker dying. */
  crashes: number;
  /** Inputs not answered within the limit (the worker is then killed and replaced). */
  hangs: number;
}

export interface FuzzFailure {
  index: number;
  kind: 'crash' | 'hang';
  input: FuzzInput;
  message: string;
}

/**
 * Sends each input to a worker thread running `workerFile` and waits for its answer; an input
 * not answered within `limitMs` is a hang: the worker is terminated and a new one started.
 */
export async function fuzzInWorker(
  workerFile: string,
  inputs: Iterable<FuzzInput>,
  limitMs: number,
): Promise<{ counters: ImporterFuzzCounters; failures: FuzzFailure[] }> {
  const counters: ImporterFuzzCounters = { inputs: 0, ok: 0, refused: 0, crashes: 0, hangs: 0 };
  const failures: FuzzFailure[] = [];
  let worker = new Worker(workerFile);
  let index = 0;
  for (const input of inputs) {
    counters.inputs++;
    const outcome = await ask(worker, input, limitMs);
    if (outcome.kind === 'answer' && outcome.answer.result !== 'crash') {
      counters[outcome.answer.result]++;
    } else {
      const kind = outcome.kind === 'answer' || outcome.kind === 'died' ? 'crash' : 'hang';
      counters[kind === 'crash' ? 'crashes' : 'hangs']++;
      failures.push({
        index,
        kind,
        input,
        message:
          outcome.kind === 'answer'
            ? (outcome.answer.message ?? '')
            : outcome.kind === 'died'
              ? outcome.error
              : `no answer in ${limitMs} ms`,
      });
      if (outcome.kind !== 'answer') {
        await worker.terminate();
        worker = new Worker(workerFile);
      }
    }
    index++;
  }
  await worker.terminate();
  return { counters, failures };
}

type Outcome = { kind: 'answer'; answer: FuzzAnswer } | { kind: 'hang' } | { kind: 'died'; error: string };

function ask(worker: Worker, input: FuzzInput, limitMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const done = (outcome: Outcome): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(outcome);
    };
    const onMessage = (answer: FuzzAnswer): void => done({ kind: 'answer', answer });
    const onError = (error: Error): void => done({ kind: 'died', error: error.stack ?? error.message });
    const timer = setTimeout(() => done({ kind: 'hang' }), limitMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage(input);
  });
}
