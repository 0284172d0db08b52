import type { Migration } from '../migration';

/**
 * Every step of a run in a row of its own (issue 16). Before, each append rewrote
 * runs.state_json, which held every runbook step with every command's output excerpt: the cost of
 * an action grew with the run (70 ms per step at step 25, 544 ms at step 200 with 100 kB of output
 * per step, measured by the team). Now runs.state_json holds the run's header only, run_steps
 * one row per step, runbook steps and the host steps of rolling steps alike (this replaces
 * migration 0005's run_host_steps), and run_notes one row per note (notes are only ever added):
 * an append writes its events, the header, the rows of the steps it changed and its new notes.
 *
 * `position` is the step's place in the run's step list (runbook steps first, in runbook order,
 * then host steps in the order their rolling steps planned them, as the state always had them).
 * `host_step`, `status` and `title` copy what the run list's count and search labels read, so
 * those read columns, not JSON.
 *
 * run_plans keeps the runbook a run was started with, as parsed at its start: opening the run
 * after a host start reads it instead of parsing its revision again on the host's thread (a
 * 5,000-step revision took the team 1.4–2.5 s to open cold), and a later parser can never change
 * the plan under a run. Runs started before have none and are parsed from their revision.
 *
 * Existing runs move as they are: each step's JSON is the text it had inside state_json, so the
 * state read back is the same value, its fold still matches its log, and its signatures (over
 * payloads stored beside them) still verify.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'every step and note of a run in its own row',
  up(db) {
    db.exec(`
      CREATE TABLE run_steps (
        run_id TEXT NOT NULL REFERENCES runs(id),
        step_key TEXT NOT NULL,
        position INTEGER NOT NULL,
        host_step INTEGER NOT NULL CHECK (host_step IN (0, 1)),
        status TEXT NOT NULL,
        title TEXT NOT NULL,
        state_json TEXT NOT NULL,
        PRIMARY KEY (run_id, step_key)
      ) STRICT;
      CREATE INDEX run_steps_in_order ON run_steps (run_id, position);
      CREATE INDEX run_steps_by_status ON run_steps (run_id, host_step, status);

      INSERT INTO run_steps (run_id, step_key, position, host_step, status, title, state_json)
        SELECT r.id, json_extract(s.value, '$.key'), CAST(s.key AS INTEGER), 0,
               json_extract(s.value, '$.status'), json_extract(s.value, '$.title'), s.value
          FROM runs r, json_each(r.state_json, '$.steps') s;

      INSERT INTO run_steps (run_id, step_key, position, host_step, status, title, state_json)
        SELECT run_id, step_key, position, 1, json_extract(state_json, '$.status'),
               json_extract(state_json, '$.title'), state_json
          FROM run_host_steps;

      CREATE TABLE run_notes (
        run_id TEXT NOT NULL REFERENCES runs(id),
        seq INTEGER NOT NULL,
        state_json TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) STRICT;

      INSERT INTO run_notes (run_id, seq, state_json)
        SELECT r.id, json_extract(n.value, '$.seq'), n.value
          FROM runs r, json_each(r.state_json, '$.notes') n;

      CREATE TABLE run_plans (
        run_id TEXT PRIMARY KEY REFERENCES runs(id),
        runbook_json TEXT NOT NULL
      ) STRICT;

      UPDATE runs SET state_json = json_remove(state_json, '$.steps', '$.notes');
      DROP TABLE run_host_steps;
    `);
  },
};
