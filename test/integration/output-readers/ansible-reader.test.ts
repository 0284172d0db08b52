import { describe, expect, it } from 'vitest';
import { AnsibleReader } from '../../../electron/host/output-readers/ansible-reader';
import type { AnsibleSummary } from '../../../electron/host/output-readers/ansible-recap';
import { runPlayAsJson, runPlayInPty, type PlayFormat } from '../../support/ansible-play';

function readAll(chunks: readonly string[]): AnsibleSummary {
  const reader = new AnsibleReader();
  for (const chunk of chunks) reader.push(chunk);
  return reader.finish();
}

/** Cuts text at random places (a seeded generator, so a failure repeats), escapes and CRLFs included. */
function randomSplits(text: string, seed: number): string[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    const size = 1 + Math.floor(next() * 40);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

const formats: PlayFormat[] = [
  { result: 'json', columns: 80, colour: false },
  { result: 'json', columns: 200, colour: true },
  { result: 'yaml', columns: 80, colour: true },
  { result: 'yaml', columns: 200, colour: false },
];

describe('the Ansible reader on real ansible-playbook output', () => {
  // What Ansible's own json callback says: the independent truth the reader is held to.
  const truth = runPlayAsJson();

  for (const format of formats) {
    it(`reads the recap and failures (${format.result} results, ${format.columns} columns, colour ${format.colour ? 'on' : 'off'})`, async () => {
      const { output, exitCode } = await runPlayInPty(format);
      // 4: a host was unreachable (ansible-playbook says 2 for failed tasks only).
      expect(exitCode).toBe(4);
      if (format.colour) expect(output).toContain('\x1b[');
      expect(output).toContain('\r\n');
      const summary = readAll([output]);

      expect(summary.recognised).toBe(true);
      const expectedHosts = Object.fromEntries(
        Object.entries(truth.stats).map(([host, stats]) => [
          host,
          {
            ok: stats.ok,
            changed: stats.changed,
            unreachable: stats.unreachable,
            failed: stats.failures,
            skipped: stats.skipped,
            rescued: stats.rescued,
            ignored: stats.ignored,
          },
        ]),
      );
      expect(summary.hosts).toEqual(expectedHosts);
      const expectedFailures = truth.results
        .filter((result) => result.failed || result.unreachable)
        .map((result) => ({ host: result.host, task: result.task, message: result.msg }));
      expect(summary.failedTasks.map(({ host, task, message }) => ({ host, task, message }))).toEqual(
        expectedFailures,
      );
      // The one ignored failure is the task with ignore_errors; the recap counts it as ignored.
      expect(summary.failedTasks.filter((task) => task.ignored).map((task) => task.task)).toEqual([
        'ignored failure',
      ]);
      expect(summary.failedTasks.find((task) => task.host === 'ghost')?.kind).toBe('unreachable');
      expect(summary.warnings).toEqual(['no hosts matched in play "first play matches nothing"']);

      // Chunk boundaries anywhere (inside escapes, CRLFs and JSON) give the same result.
      for (let seed = 1; seed <= 50; seed += 1) expect(readAll(randomSplits(output, seed))).toEqual(summary);
      expect(readAll([...output])).toEqual(summary);
    });
  }

  it('recognises nothing in output that is not Ansible', () => {
    const summary = readAll(['total 0\r\n', 'ok: not a host line\r\n', 'done']);
    expect(summary).toMatchObject({ recognised: false, hosts: {}, failedTasks: [], warnings: [] });
  });
});
