import type { Migration } from '../migration';

/**
 * Environments and runs. An environment holds plain variable values only; a secret the user asked
 * to remember is a blob sealed by the OS keychain (the app's preload seals and opens it), which
 * the host stores as given and cannot read. Deleting an environment sets deleted_at, so past runs
 * keep pointing at it (they carry their own snapshot of it anyway).
 *
 * A run is its event log: run_events is append-only (triggers refuse UPDATE and DELETE) and each
 * row is hash-chained to the one before it (electron/host/run/event-log.ts). runs.state_json is
 * the fold of the log, written in the same transaction as each append, so reading a run never
 * replays its whole log; head_hash and event_count say which log that state belongs to.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'environments, runs and the hash-chained run event log',
  up(db) {
    db.exec(`
      CREATE TABLE environments (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('production', 'staging', 'test', 'training')),
        colour TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        control_host TEXT NOT NULL,
        variables TEXT NOT NULL DEFAULT '{}',
        secret_names TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX environments_by_name ON environments(name COLLATE NOCASE)
        WHERE deleted_at IS NULL;

      CREATE TABLE environment_secrets (
        environment_id TEXT NOT NULL REFERENCES environments(id),
        name TEXT NOT NULL,
        sealed TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (environment_id, name)
      ) STRICT;

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        runbook_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        environment_id TEXT NOT NULL REFERENCES environments(id),
        status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'completed', 'aborted')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        state_json TEXT NOT NULL,
        head_hash TEXT NOT NULL,
        event_count INTEGER NOT NULL,
        FOREIGN KEY (runbook_id, revision) REFERENCES runbook_revisions(runbook_id, revision)
      ) STRICT;
      CREATE INDEX runs_by_status ON runs(status);

      CREATE TABLE run_events (
        run_id TEXT NOT NULL REFERENCES runs(id),
        seq INTEGER NOT NULL CHECK (seq >= 0),
        at TEXT NOT NULL,
        type TEXT NOT NULL,
        actor TEXT NOT NULL,
        step_key TEXT,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) STRICT;
      CREATE INDEX run_events_by_step ON run_events(run_id, step_key, seq);

      CREATE TRIGGER run_events_append_only_update BEFORE UPDATE ON run_events
      BEGIN SELECT RAISE(ABORT, 'run events are append-only'); END;
      CREATE TRIGGER run_events_append_only_delete BEFORE DELETE ON run_events
      BEGIN SELECT RAISE(ABORT, 'run events are append-only'); END;
    `);
  },
};
