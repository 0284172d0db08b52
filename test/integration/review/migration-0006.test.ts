import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../electron/host/store/database';
import { migrations } from '../../../electron/host/store/migrations/index';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const insert = `INSERT INTO run_signatures (run_id, seq, kind, step_key, name, role, at, identity, public_key,
  fingerprint, payload, signature) VALUES (?, ?, ?, NULL, 'Ada', 'operator', 'now', 'ada@handrail', 'key', 'fp', '{}', 'sig')`;

it('migration 0006 keeps every signature, allows the review kind and keeps signatures append-only', () => {
  const file = join(dir.path, 'h.db');
  const before = openDatabase(file, { migrations: migrations.filter((migration) => migration.version <= 4) });
  expect(schemaVersion(before)).toBe(4);
  before.prepare(insert).run('run-1', 0, 'final');
  expect(() => before.prepare(insert).run('run-1', 1, 'review')).toThrow(/CHECK constraint/);
  before.close();

  const db = openDatabase(file, { migrations: migrations.filter((migration) => migration.version <= 6) });
  expect(schemaVersion(db)).toBe(6);
  expect(db.prepare(`SELECT run_id, seq, kind, name FROM run_signatures`).all()).toEqual([
    { run_id: 'run-1', seq: 0, kind: 'final', name: 'Ada' },
  ]);
  db.prepare(insert).run('run-1', 1, 'review');
  expect(() => db.prepare(insert).run('run-1', 2, 'approval')).toThrow(/CHECK constraint/);
  expect(() => db.prepare(`UPDATE run_signatures SET name = 'Eve'`).run()).toThrow(/append-only/);
  expect(() => db.prepare(`DELETE FROM run_signatures`).run()).toThrow(/append-only/);
  db.close();
});
