import { copyFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunOpen, StepState } from '../../shared/contract/index';
import { databaseFileName } from '../../electron/host/store/data-dir';
import { makeTempDir } from '../support/temp-dir';
import { reportCounters } from './counters';
import { checkAcks, integrityOk, runCrashLoop } from './run-crash-driver';

/** 200 by default (issue 8); HANDRAIL_CRASH_ITERATIONS overrides it for a quick local look. */
const iterations = Number(process.env.HANDRAIL_CRASH_ITERATIONS ?? 200);
const seed = Number(process.env.HANDRAIL_CRASH_SEED ?? 20261121);

describe('crash: SIGKILL the host during a scripted run', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeAll(() => (dir = makeTempDir()));
  afterAll(() => dir.remove());

  it(`loses no acknowledged action over ${iterations} kills (seed ${seed})`, async () => {
    // The host's home folder is made beside the data folder, both inside this temp dir.
    const counters = await runCrashLoop({ dataDir: join(dir.path, 'data'), iterations, seed });
    reportCounters('crash', { seed, ...counters });
    expect(counters.kills).toBe(iterations);
    expect(counters.acknowledged).toBeGreaterThan(iterations);
    expect(counters).toMatchObject({ lost: 0, inFlightWrong: 0, integrityFailures: 0, chainFailures: 0 });
  });
});

describe('crash counters catch faults', () => {
  const step = (key: string, status: StepState['status']) => ({ key, status }) as RunOpen['steps'][number];
  const detail = {
    steps: [step('a', 'succeeded'), step('b', 'running'), step('c', 'succeeded'), step('d', 'pending')],
    notes: [{ text: 'kept' }],
  } as unknown as RunOpen;

  it('counts an acknowledged note or mark that is missing as lost', () => {
    const found = checkAcks(
      detail,
      [
        { kind: 'note', text: 'kept' },
        { kind: 'note', text: 'never written' },
        { kind: 'done', key: 'd' },
        { kind: 'started', key: 'd' },
      ],
      new Set(),
    );
    expect(found.lost).toBe(3);
  });

  it('counts a command left running, or succeeded with no recorded end, as in flight wrongly', () => {
    const found = checkAcks(
      detail,
      [
        { kind: 'started', key: 'b' },
        { kind: 'started', key: 'c' },
        { kind: 'started', key: 'a' },
      ],
      new Set(['a']),
    );
    expect(found).toEqual({ lost: 0, inFlightWrong: 2 });
  });

  it('counts a damaged database as an integrity failure', () => {
    const dir = makeTempDir();
    try {
      const db = new Database(join(dir.path, databaseFileName));
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT); CREATE INDEX t_body ON t(body);');
      const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
      for (let index = 0; index < 2000; index += 1) insert.run(`row ${index} ${'x'.repeat(100)}`);
      db.close();
      expect(integrityOk(dir.path)).toBe(true);
      const file = join(dir.path, databaseFileName);
      copyFileSync(file, `${file}.bak`);
      // Scribble over the middle of the file: index pages stop matching the table.
      const fd = openSync(file, 'r+');
      const middle = Math.floor(statSync(file).size / 2);
      writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, middle - (middle % 4096));
      closeSync(fd);
      expect(integrityOk(dir.path)).toBe(false);
    } finally {
      dir.remove();
    }
  });
});
