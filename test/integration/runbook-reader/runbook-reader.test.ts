import { afterEach, describe, expect, it } from 'vitest';
import { RunbookInputError } from '../../../electron/host/runbook/index';
import {
  RunbookReader,
  RunbookReadRefused,
  type ReaderLimits,
} from '../../../electron/host/runbook-reader/runbook-reader';
import { listRunbook } from '../../support/scale-runbooks';

/**
 * The runbook reader: real reader processes from the built bundle (dist/host/runbook-reader.js),
 * real parses, limits set low so that each refusal comes in seconds.
 */
describe('the runbook reader', () => {
  const readers: RunbookReader[] = [];
  const reader = (limits: Partial<ReaderLimits> = {}): RunbookReader => {
    const made = new RunbookReader({ limits });
    readers.push(made);
    return made;
  };
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((made) => made.close()));
  });

  it('reads a runbook as the host would, and passes bad input on with its file, line and column', async () => {
    const subject = reader();
    const inspection = await subject.inspect(listRunbook(2, 3), 'small.md');
    expect(inspection.runbook?.phases).toHaveLength(2);
    const refusal = await subject
      .run({ kind: 'importGuide', file: 'binary.md', input: 'a\u0000b' })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RunbookInputError);
    expect((refusal as RunbookInputError).message).toMatch(/^binary\.md:1:2: /);
    const lint = await subject.run({
      kind: 'lint',
      file: 'broken.md',
      input: '# T\n\n## P\n\n### S {kind=nonsense}\n',
    });
    expect(lint[0]).toMatchObject({ severity: 'error', file: 'broken.md' });
  });

  it('refuses a file that needs more processor time than allowed, naming it, and reads the next one', async () => {
    const subject = reader({ cpuMs: 500 });
    const refusal = await subject
      .run({ kind: 'importGuide', file: 'slow.md', input: `# G\n\n## S\n\n${'*a_'.repeat(20_000)}\n` })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RunbookReadRefused);
    expect((refusal as Error).message).toMatch(
      /^slow\.md: refused: reading it took more than 0\.5 s of processor time/,
    );
    expect((await subject.inspect(listRunbook(1, 1), 'next.md')).runbook).not.toBeNull();
  });

  it('refuses a file that needs more memory than allowed, without harm to the host', async () => {
    const subject = reader({ memoryMb: 48 });
    // The 5,000-step scale runbook needs ~240 MB of heap to read.
    const refusal = await subject.inspect(listRunbook(50, 100), 'huge.md').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RunbookReadRefused);
    expect((refusal as Error).message).toBe('huge.md: refused: reading it needed more than 48 MB of memory');
    expect((await subject.inspect(listRunbook(1, 1), 'next.md')).runbook).not.toBeNull();
  });

  it('a cancelled read ends at once, queued or running, and the reader goes on', async () => {
    const subject = reader({ readers: 1 });
    const slow = {
      kind: 'importGuide' as const,
      file: 'slow.md',
      input: `# G\n\n## S\n\n${'*a_'.repeat(50_000)}\n`,
    };
    const running = new AbortController();
    const queued = new AbortController();
    const first = subject.run(slow, running.signal).catch((error: unknown) => error);
    const second = subject
      .run({ ...slow, file: 'queued.md' }, queued.signal)
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    queued.abort();
    running.abort();
    expect(await second).toMatchObject({ code: 'cancelled' });
    expect(await first).toMatchObject({ code: 'cancelled' });
    expect((await subject.inspect(listRunbook(1, 1), 'next.md')).runbook).not.toBeNull();
  });

  it('runs several reads at once on its readers, each answered with its own result', async () => {
    const subject = reader({ readers: 2 });
    const sizes = [1, 2, 3, 4, 5];
    const results = await Promise.all(
      sizes.map((phases) => subject.inspect(listRunbook(phases, 2), `r${phases}.md`)),
    );
    expect(results.map((result) => result.runbook?.phases.length)).toEqual(sizes);
  });
});
