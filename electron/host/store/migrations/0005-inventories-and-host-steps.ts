import type { Migration } from '../migration';

/**
 * Inventories and the per-host steps of rolling runs.
 *
 * An environment has at most one inventory: the text as given (kept so the operator can see what
 * was imported) and its parsed model, which rolling steps plan from.
 *
 * run_host_steps holds the state of each `<step>@<host>/<sub-step>` of a run, one row each, beside
 * runs.state_json (which keeps the runbook's own steps). A rolling step over 500 hosts × 10
 * sub-steps has 5,000 of them: one row per changed host step keeps each append small, where one
 * blob would be rewritten whole on every event. Both are written in the append's transaction.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'inventories and the per-host steps of rolling runs',
  up(db) {
    db.exec(`
      CREATE TABLE inventories (
        environment_id TEXT PRIMARY KEY REFERENCES environments(id),
        file_name TEXT NOT NULL,
        format TEXT NOT NULL,
        source TEXT NOT NULL,
        text TEXT NOT NULL,
        parsed_json TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE run_host_steps (
        run_id TEXT NOT NULL REFERENCES runs(id),
        step_key TEXT NOT NULL,
        position INTEGER NOT NULL,
        state_json TEXT NOT NULL,
        PRIMARY KEY (run_id, step_key)
      ) STRICT;
      CREATE INDEX run_host_steps_in_order ON run_host_steps(run_id, position);
    `);
  },
};
