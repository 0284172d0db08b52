import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../electron/host/store/database';
import { prepareDataDir, resolveDataDir } from '../../../electron/host/store/data-dir';
import { DatabaseTooNewError, NotAHandrailDatabaseError } from '../../../electron/host/store/errors';
import { latestSchemaVersion } from '../../../electron/host/store/migrations/index';
import { createHost } from '../../../electron/host/host';
import { makeTempDir } from '../../support/temp-dir';

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('the store', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  it('migrates an empty file to the latest schema, with WAL, synchronous=FULL and foreign keys', () => {
    const db = openDatabase(join(dir.path, 'h.db'));
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['schema_migrations', 'runbooks', 'runbook_revisions']));
    db.close();
  });

  it('re-opening an up-to-date database applies nothing', () => {
    const file = join(dir.path, 'h.db');
    openDatabase(file).close();
    const before = new BetterSqlite3(file).prepare('SELECT * FROM schema_migrations ORDER BY version').all();
    const db = openDatabase(file);
    expect(db.prepare('SELECT * FROM schema_migrations ORDER BY version').all()).toEqual(before);
    db.close();
  });

  it('applies each migration in its own transaction: a failing one leaves the earlier ones and nothing of itself', () => {
    const file = join(dir.path, 'h.db');
    const migrations = [
      { version: 1, name: 'one', up: (db: BetterSqlite3.Database) => db.exec('CREATE TABLE a (x)') },
      {
        version: 2,
        name: 'two fails halfway',
        up: (db: BetterSqlite3.Database) => db.exec('CREATE TABLE b (x); INSERT INTO nowhere VALUES (1)'),
      },
    ];
    expect(() => openDatabase(file, { migrations })).toThrow(/nowhere/);
    const db = new BetterSqlite3(file);
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toContain('a');
    expect(tables).not.toContain('b');
    db.close();
  });

  it('refuses a database written by a newer version, with a clear message, and leaves it untouched', () => {
    const file = join(dir.path, 'newer.db');
    const future = new BetterSqlite3(file); // rollback journal: everything is in the main file
    future.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      INSERT INTO schema_migrations VALUES (${latestSchemaVersion + 5}, 'from the future', '2030-01-01');`);
    future.close();
    const hash = sha256(file);
    const failure = (() => {
      try {
        openDatabase(file);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(DatabaseTooNewError);
    expect((failure as Error).message).toContain(`schema ${latestSchemaVersion + 5}`);
    expect((failure as Error).message).toContain('not changed');
    expect(sha256(file)).toBe(hash);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not SQLite, untouched', () => {
    const file = join(dir.path, 'garbage.db');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const hash = sha256(file);
    expect(() => openDatabase(file)).toThrow(NotAHandrailDatabaseError);
    expect(sha256(file)).toBe(hash);
  });

  it('keeps revisions immutable', () => {
    const db = openDatabase(join(dir.path, 'h.db'));
    db.prepare(`INSERT INTO runbooks VALUES ('r', 't', '', 1, 'now', 'now', NULL)`).run();
    db.prepare(
      `INSERT INTO runbook_revisions (runbook_id, revision, title, source, created_at) VALUES ('r', 1, 't', 's', 'now')`,
    ).run();
    expect(() => db.prepare(`UPDATE runbook_revisions SET source = 'changed'`).run()).toThrow(/immutable/);
    expect(() => db.prepare(`DELETE FROM runbook_revisions`).run()).toThrow(/immutable/);
    db.close();
  });

  it('makes the data folder 0700 and the database files 0600, also when they existed with wider modes', () => {
    const dataDir = join(dir.path, 'data');
    prepareDataDir(dataDir);
    chmodSync(dataDir, 0o755);
    const host = createHost({ dataDir, version: 'test' });
    expect(mode(dataDir)).toBe(0o700);
    for (const name of ['handrail.db', 'handrail.db-wal', 'handrail.db-shm']) {
      expect(mode(join(dataDir, name)), name).toBe(0o600);
    }
    host.close();
  });
});

describe('the data folder', () => {
  it('is HANDRAIL_DATA_DIR, else the Electron user-data folder, else XDG_DATA_HOME/handrail, else ~/.local/share/handrail', () => {
    expect(resolveDataDir({ env: { HANDRAIL_DATA_DIR: '/d' }, electronUserData: '/e' })).toBe('/d');
    expect(resolveDataDir({ env: { XDG_DATA_HOME: '/x' }, electronUserData: '/e' })).toBe('/e');
    expect(resolveDataDir({ env: { XDG_DATA_HOME: '/x' } })).toBe('/x/handrail');
    expect(resolveDataDir({ env: {} })).toMatch(/\/\.local\/share\/handrail$/);
  });
});
