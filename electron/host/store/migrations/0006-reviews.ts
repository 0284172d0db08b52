import type { Migration } from '../migration';

/**
 * Mentor reviews (issue 9). Review entries (comments on steps, assessments) are their own table,
 * apart from the run's event log and its notes, keyed by run id with no reference to `runs`, so an
 * imported run is reviewed the same way as a local one. Entries are append-only, like signatures:
 * a review sign-off signs a hash of the first N entries, which must stay as they were.
 *
 * run_signatures gains the kind `review`. SQLite cannot change a CHECK constraint in place, so
 * the table is rebuilt (the documented 12-step way: new table, copy, drop, rename) and its
 * append-only triggers are made again. A distinct kind rather than reusing `countersign`: a
 * countersign vouches for the record, a review sign-off states a mentor's verdict and must carry
 * the review's hash, which the verifier checks only for this kind.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'mentor reviews',
  up(db) {
    db.exec(`
      CREATE TABLE review_entries (
        run_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('comment', 'assessment')),
        step_key TEXT,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        text TEXT NOT NULL,
        verdict TEXT CHECK (verdict IS NULL OR verdict IN ('ready', 'needs-practice', 'not-ready')),
        PRIMARY KEY (run_id, seq)
      ) STRICT;

      CREATE TRIGGER review_entries_append_only_update BEFORE UPDATE ON review_entries
      BEGIN SELECT RAISE(ABORT, 'review entries are append-only'); END;
      CREATE TRIGGER review_entries_append_only_delete BEFORE DELETE ON review_entries
      BEGIN SELECT RAISE(ABORT, 'review entries are append-only'); END;

      CREATE TABLE run_signatures_new (
        run_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('gate', 'final', 'countersign', 'review')),
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
      INSERT INTO run_signatures_new SELECT run_id, seq, kind, step_key, name, role, at, identity,
        public_key, fingerprint, payload, signature FROM run_signatures;
      DROP TABLE run_signatures;
      ALTER TABLE run_signatures_new RENAME TO run_signatures;

      CREATE TRIGGER run_signatures_append_only_update BEFORE UPDATE ON run_signatures
      BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
      CREATE TRIGGER run_signatures_append_only_delete BEFORE DELETE ON run_signatures
      BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
    `);
  },
};
