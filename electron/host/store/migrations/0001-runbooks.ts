import type { Migration } from '../migration';

/**
 * Runbooks and their revisions. A revision is immutable (triggers refuse updates and deletes), so
 * a run can pin one and a report can cite it; a runbook row only points at its newest revision.
 * Deleting a runbook sets deleted_at, so a delete can be undone and past runs keep their revision.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'runbooks and immutable revisions',
  up(db) {
    db.exec(`
      CREATE TABLE runbooks (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        head_revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;

      CREATE TABLE runbook_revisions (
        runbook_id TEXT NOT NULL REFERENCES runbooks(id),
        revision INTEGER NOT NULL CHECK (revision >= 1),
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (runbook_id, revision)
      ) STRICT;

      CREATE TRIGGER runbook_revisions_immutable_update BEFORE UPDATE ON runbook_revisions
      BEGIN SELECT RAISE(ABORT, 'runbook revisions are immutable'); END;
      CREATE TRIGGER runbook_revisions_immutable_delete BEFORE DELETE ON runbook_revisions
      BEGIN SELECT RAISE(ABORT, 'runbook revisions are immutable'); END;

      CREATE INDEX runbooks_by_title ON runbooks(title COLLATE NOCASE) WHERE deleted_at IS NULL;
    `);
  },
};
