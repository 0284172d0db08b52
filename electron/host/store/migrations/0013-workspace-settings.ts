import type { Migration } from '../migration';

/**
 * Settings of the workspace, which is the data folder (issue 19): first the path of the team's
 * allowed_signers file, as git keeps gpg.ssh.allowedSignersFile. A key/value table so that a
 * later setting needs no migration of its own; `set_at` says when it last changed, for support.
 * An unset setting has no row.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'workspace settings',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        set_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
