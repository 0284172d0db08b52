import { chmodSync, existsSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Migration } from './migration';
import { migrations as allMigrations } from './migrations/index';
import {
  DatabaseNeedsUpgradeError,
  DatabaseTooNewError,
  NoDatabaseError,
  NotAHandrailDatabaseError,
} from './errors';

export interface OpenOptions {
  /** For tests: a different migration list. */
  migrations?: readonly Migration[];
  /**
   * Read only, beside a host that may be running (`handrail runs`, `report`, `export`): nothing is
   * migrated or written, and no lock is needed. The file must exist and be up to date.
   */
  readonly?: boolean;
}

const versionTable = 'schema_migrations';

/**
 * Opens (creating if needed) the database, refuses one written by a newer version without
 * touching it, and brings an older one up to date. WAL with synchronous=FULL: a commit is on disk
 * before it returns, which is what lets the host acknowledge an action only once it is durable.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const migrations = options.migrations ?? allMigrations;
  const known = Math.max(0, ...migrations.map((migration) => migration.version));
  if (options.readonly === true) return openReadOnly(file, known);
  if (existsSync(file)) refuseNewer(file, known);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Wait for another connection (the CLI beside the app) instead of failing at once.
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    restrictToOwner(file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The schema version recorded in an open database (0 for a new one). */
export function schemaVersion(db: Database): number {
  const table = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(versionTable);
  if (table === undefined) return 0;
  const row = db.prepare(`SELECT MAX(version) AS version FROM ${versionTable}`).get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

function openReadOnly(file: string, known: number): Database {
  if (!existsSync(file)) throw new NoDatabaseError(file);
  refuseNewer(file, known);
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const version = schemaVersion(db);
  if (version < known) {
    db.close();
    throw new DatabaseNeedsUpgradeError(file, version, known);
  }
  return db;
}

/** Reads the version through a read-only connection, so a refused file is never written. */
function refuseNewer(file: string, known: number): void {
  let version: number;
  const reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    version = schemaVersion(reader);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NotAHandrailDatabaseError(file, reason);
  } finally {
    reader.close();
  }
  if (version > known) throw new DatabaseTooNewError(file, version, known);
}

function migrate(db: Database, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${versionTable} (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const current = schemaVersion(db);
  const record = db.prepare(`INSERT INTO ${versionTable} (version, name, applied_at) VALUES (?, ?, ?)`);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}

/** The database and its WAL companions hold operators' records: readable by the user only. */
function restrictToOwner(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
