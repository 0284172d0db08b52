import { afterAll, describe, expect, it } from 'vitest';
import { RpcError } from '../../shared/contract/index';
import { RunbookInputError } from '../../electron/host/runbook/index';
import { RunbookReader, RunbookReadRefused } from '../../electron/host/runbook-reader/runbook-reader';
import type { ReaderJob } from '../../electron/host/runbook-reader/reader-jobs';
import { reportCounters } from './counters';
import { pathologicalInputs } from './pathological-inputs';

/**
 * Issue 18, fuzz (pathological inputs): each generated input through the host's own runbook
 * reader (the worker, with its limits). Every input must end in a result or a refusal that names
 * its file: read, refused as bad input (file:line:column), or refused by a limit (time, memory,
 * nesting). Anything else is a crash; an answer later than the clock limit allows is a hang.
 *
 * The limits are tighter than the app's (3 s of CPU instead of 10) so the suite stays minutes
 * long: what is tested is that no input escapes them, not where they are set.
 */
const limits = { cpuMs: 3_000, wallMs: 30_000 };
/** Time for the watch to notice and the worker to end, on a loaded machine. */
const slackMs = 5_000;

interface Counters {
  inputs: number;
  read: number;
  refusedAsInput: number;
  refusedByLimit: number;
  crashes: number;
  hangs: number;
}

function jobsFor(name: string, text: string): ReaderJob[] {
  const file = name.startsWith('rST') ? 'pathological.rst' : 'pathological.md';
  if (file.endsWith('.rst')) return [{ kind: 'importGuide', file, input: text }];
  return [
    { kind: 'importGuide', file, input: text },
    { kind: 'normalizeSource', file, text, field: 'params.source' },
  ];
}

describe('importer fuzz, pathological inputs', () => {
  const reader = new RunbookReader({ limits });
  afterAll(() => reader.close());

  it(
    'reads or refuses every one, naming its file, within the limits',
    async () => {
      const counters: Counters = {
        inputs: 0,
        read: 0,
        refusedAsInput: 0,
        refusedByLimit: 0,
        crashes: 0,
        hangs: 0,
      };
      const failures: string[] = [];
      for (const { name, text } of pathologicalInputs()) {
        for (const job of jobsFor(name, text())) {
          counters.inputs++;
          const startedAt = Date.now();
          const outcome = await reader.run(job).then(
            () => 'read' as const,
            (error: unknown) => error,
          );
          const elapsed = Date.now() - startedAt;
          const label = `${name} (${job.kind})`;
          if (elapsed > limits.wallMs + slackMs) {
            counters.hangs++;
            failures.push(`${label}: answered after ${elapsed} ms`);
          }
          if (outcome === 'read') counters.read++;
          else if (outcome instanceof RunbookReadRefused && outcome.file === job.file)
            counters.refusedByLimit++;
          else if (outcome instanceof RunbookInputError && outcome.file === job.file)
            counters.refusedAsInput++;
          else if (
            outcome instanceof RpcError &&
            outcome.code === 'invalid_params' &&
            outcome.message.startsWith(job.file)
          )
            counters.refusedAsInput++;
          else {
            counters.crashes++;
            failures.push(
              `${label}: ${outcome instanceof Error ? outcome.message.split('\n')[0] : String(outcome)}`,
            );
          }
          console.log(
            `  ${label}: ${outcome === 'read' ? 'read' : (outcome as Error).name} in ${elapsed} ms`,
          );
        }
      }
      reportCounters('importer-fuzz-pathological', { ...counters });
      expect(failures).toEqual([]);
      expect(counters).toMatchObject({ crashes: 0, hangs: 0 });
      expect(counters.refusedByLimit).toBeGreaterThan(0);
    },
    15 * 60_000,
  );
});
