import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../electron/host/terminal/transcript/transcript-store';
import { toAsciicast } from '../../../electron/host/terminal/transcript/asciicast';
import { toAsciicastV3 } from '../../../electron/host/terminal/transcript/asciicast-v3';
import { runPlayInPty } from '../../support/ansible-play';
import { repoRoot } from '../../support/built-app';
import { makeTempDir } from '../../support/temp-dir';

function summary(file: string, json: boolean): { status: number; stdout: string } {
  try {
    const args = ['bin/handrail.js', 'ansible-summary', file, ...(json ? ['--json'] : [])];
    return { status: 0, stdout: execFileSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { status: failed.status, stdout: failed.stdout };
  }
}

const expected = {
  hosts: {
    ghost: { ok: 1, changed: 0, unreachable: 1, failed: 0, skipped: 0, rescued: 0, ignored: 0 },
    localhost: { ok: 3, changed: 2, unreachable: 0, failed: 1, skipped: 1, rescued: 0, ignored: 1 },
  },
  failedTasks: [
    {
      host: 'ghost',
      task: 'change something',
      message:
        'Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused',
    },
    {
      host: 'localhost',
      task: 'failing task',
      message:
        'this task fails on purpose with a long message that goes past eighty columns of terminal width',
    },
  ],
};

describe('handrail ansible-summary on a real ansible-playbook run', () => {
  const dir = makeTempDir();
  const files: Record<string, string> = {};

  beforeAll(async () => {
    const { output } = await runPlayInPty({ result: 'yaml', columns: 80, colour: true });
    const session: SessionRecord = {
      id: 's1',
      kind: 'local',
      title: 'ansible',
      profile: 'bash',
      cols: 80,
      rows: 30,
      startedAt: new Date().toISOString(),
      endedAt: null,
      exitCode: null,
      complete: true,
    };
    // Cut into pieces as the recorder stores them, splitting escapes and lines between events.
    const bytes = Buffer.from(output);
    const chunks = [];
    for (let offset = 0; offset < bytes.length; offset += 97)
      chunks.push({ offset, atMs: offset, data: bytes.subarray(offset, offset + 97) });
    files.raw = join(dir.path, 'capture.raw');
    files.v2 = join(dir.path, 'play.cast');
    files.v3 = join(dir.path, 'play-v3.cast');
    writeFileSync(files.raw, output);
    writeFileSync(files.v2, toAsciicast(session, chunks));
    writeFileSync(files.v3, toAsciicastV3(session, chunks));
  });
  afterAll(() => dir.remove());

  for (const kind of ['raw', 'v2', 'v3'] as const) {
    it(`prints the recap and failed tasks of a ${kind} file as JSON and exits 1`, () => {
      const result = summary(files[kind] as string, true);
      expect(result.status).toBe(1);
      expect(JSON.parse(result.stdout)).toEqual(expected);
    });
  }

  it('prints a summary for people, with nothing from the file able to steer the terminal', () => {
    const result = summary(files.raw as string, false);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('PLAY RECAP');
    expect(result.stdout).toContain('localhost  ok=3 changed=2 unreachable=0 failed=1');
    expect(result.stdout).toContain('localhost · failing task: this task fails on purpose');
    expect(result.stdout).toContain('warning: no hosts matched in play "first play matches nothing"');
    expect(result.stdout).not.toContain('\x1b');
  });

  it('exits 0 for a play with no failure; an escape planted in a host name never reaches the terminal', () => {
    const file = join(dir.path, 'clean.log');
    writeFileSync(
      file,
      'PLAY RECAP ***\nweb\x1b]52;c;aGk=\x07 : ok=1 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0\n',
    );
    const result = summary(file, false);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('\x1b');
  });
});
