import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/built-app';
import { makeTempDir } from '../support/temp-dir';
import { bundleWorker } from '../support/worker-bundle';
import { guidesDir, seedsDir, sharedSkipReason } from '../support/shared-guides';
import { reportCounters } from './counters';
import { fuzzInputs, readCorpus, type Corpus } from './fuzz-inputs';
import { fuzzInWorker } from './importer-fuzz-driver';

/** A fixed seed, printed with the counters: the same run again is `FUZZ_SEED=<seed>`. */
const seed = Number(process.env.FUZZ_SEED ?? 20261123);
const inputCount = 100_000;
/**
 * Per input. The inputs are at most a few kB, which the readers take well under 100 ms for; 5 s
 * is generous for a loaded 2-core machine and still finds a real hang in seconds.
 */
const limitMs = 5000;

/**
 * Issue 8, fuzz (importers): the guide importers (Markdown, MDX, reStructuredText, shell) and the runbook
 * parser and linter on 100,000 random and mutated inputs seeded from the shared guides and the
 * runbook templates. A crash is any exception other than RunbookInputError; a hang is an input
 * not read within the limit (the worker thread is then killed).
 */
describe('importer fuzz', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let corpus: Corpus[];
  beforeAll(() => {
    dir = makeTempDir('handrail-fuzz-');
    // Without ../shared (a clone on its own) the templates alone seed the inputs; CI needs it.
    const shared = sharedSkipReason();
    if (shared !== undefined) console.warn(shared);
    const folders = shared === undefined ? [seedsDir, guidesDir] : [];
    corpus = readCorpus([join(repoRoot, 'resources', 'runbooks'), ...folders]);
  });
  afterAll(() => dir.remove());

  it('reads 100,000 mutated inputs with no crash and no hang', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(5);
    const worker = await bundleWorker('test/reliability/importer-fuzz-worker.ts', dir.path);
    const { counters, failures } = await fuzzInWorker(worker, fuzzInputs(corpus, inputCount, seed), limitMs);
    reportCounters('importer-fuzz', { seed, ...counters });
    for (const failure of failures.slice(0, 5))
      console.log(
        `input ${failure.index} (${failure.kind}, ${failure.input.target}): ${failure.message.split('\n')[0]}\n${JSON.stringify(failure.input.text.slice(0, 300))}`,
      );
    expect(counters).toMatchObject({ inputs: inputCount, crashes: 0, hangs: 0 });
  });

  it('counts crashes and hangs when a reader throws or loops (the counters can fail)', async () => {
    const worker = await bundleWorker('test/reliability/faulty-importer-worker.ts', dir.path);
    const inputs = [
      { target: 'import-md' as const, text: '# Guide\n\n## Step\n\n```\nls\n```\n' },
      { target: 'import-md' as const, text: 'INJECT-CRASH' },
      { target: 'import-rst' as const, text: 'INJECT-HANG' },
      { target: 'parse-runbook' as const, text: 'not a runbook' },
    ];
    const { counters } = await fuzzInWorker(worker, inputs, 1000);
    reportCounters('importer-fuzz (faults injected)', { ...counters });
    expect(counters).toEqual({ inputs: 4, ok: 1, refused: 1, crashes: 1, hangs: 1 });
  });
});
