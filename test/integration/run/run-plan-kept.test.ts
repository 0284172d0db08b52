import { afterEach, expect, test } from 'vitest';
import { startRunHost, type RunHostFixture } from './host-fixture';
import { startEngineRun } from './run-fixture';

let fixture: RunHostFixture | undefined;
afterEach(() => fixture?.close());

/**
 * Issue 16: a run keeps the runbook as parsed at its start (run_plans). After a restart the run
 * opens from it without parsing its revision again: shown here by a revision whose stored text no
 * longer parses (as a later parser might read it), under which the run still opens, verifies and
 * goes on.
 */
test('a run opens from the plan kept at its start, not from its revision parsed again', async () => {
  fixture = startRunHost();
  const run = await startEngineRun(fixture);
  const before = await fixture.client.call('runs.get', { id: run.runId });
  const kept = fixture.host.db
    .prepare('SELECT count(*) AS n FROM run_plans WHERE run_id = ?')
    .get(run.runId) as {
    n: number;
  };
  expect(kept.n).toBe(1);
  fixture = fixture.restart();
  const { db } = fixture.host;
  // Revisions are immutable (a trigger refuses edits): lift it for this test only.
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'runbook_revisions'`)
    .all() as Array<{ name: string; sql: string }>;
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  db.prepare('UPDATE runbook_revisions SET source = ? WHERE runbook_id = ?').run(
    '--- not: [a runbook',
    run.runbookId,
  );
  for (const trigger of triggers) db.exec(trigger.sql);

  const after = await fixture.client.call('runs.get', { id: run.runId });
  expect(after.steps.map((step) => step.key)).toEqual(before.steps.map((step) => step.key));
  expect(await fixture.client.call('runs.verify', { id: run.runId })).toMatchObject({ valid: true });
  const noted = await fixture.client.call('runs.addNote', {
    id: run.runId,
    stepKey: null,
    text: 'still here',
  });
  expect(noted.notes).toHaveLength(1);
});
