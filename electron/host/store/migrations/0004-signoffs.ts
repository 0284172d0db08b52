import type { Migration } from '../migration';

/**
 * Sign-offs and runs imported for review. A signature row keeps the exact payload it signed and
 * the armoured SSH signature, so it can be checked again at any time, anywhere; rows are never
 * changed or removed (triggers). An imported run is the bundle as it arrived (verified first):
 * read-only here, it can be countersigned and exported again with every signature.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'run signatures and imported runs',
  up(db) {
    db.exec(`
      CREATE TABLE run_signatures (
        run_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('gate', 'final', 'countersign')),
        step_key TEXT,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        at TEXT NOT NULL,
        identity TEXT NOT NULL,
        public_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        payload TEXT NOT NULL,
        signature TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) STRICT;

      CREATE TRIGGER run_signatures_append_only_update BEFORE UPDATE ON run_signatures
      BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
      CREATE TRIGGER run_signatures_append_only_delete BEFORE DELETE ON run_signatures
      BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;

      CREATE TABLE imported_runs (
        run_id TEXT PRIMARY KEY,
        imported_at TEXT NOT NULL,
        title TEXT NOT NULL,
        bundle TEXT NOT NULL
      ) STRICT;
    `);
  },
};
