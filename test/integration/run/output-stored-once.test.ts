import { afterEach, expect, test } from 'vitest';
import { EventLog } from '../../../electron/host/run/event-log';
import { environmentInput, startRunHost, type RunHostFixture } from './host-fixture';
import { openRunTerminal, untilStep } from './run-fixture';

let fixture: RunHostFixture | undefined;
afterEach(() => fixture?.close());

const runbook = `---
title: "Once"
---

# Once

## Steps

### Print a marker {#print kind=command}

\`\`\`bash run
printf 'marker-%s\\n' 7f3a9c
\`\`\`
`;

/**
 * Issue 16, "output excerpts are stored once": a finished command's output is in its
 * command.finished event and nowhere else in the run's rows; the state read back (after a
 * restart, from the rows) has it all the same.
 */
test("a command's output excerpt is stored once, in its event, and read back into the step", async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const environment = await client.call('environments.create', { environment: environmentInput() });
  const saved = await client.call('runbooks.create', { title: 'Once', source: runbook });
  const { run } = await client.call('runs.start', {
    runbookId: saved.id,
    revision: saved.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada',
  });
  await openRunTerminal(fixture, run.id);
  await client.call('runs.runStep', { id: run.id, stepKey: 'print' });
  await untilStep(fixture, run.id, 'print', ['succeeded']);

  const { db } = fixture.host;
  const count = (sql: string): number => (db.prepare(sql).get(run.id, '%marker-7f3a9c%') as { n: number }).n;
  expect(count(`SELECT count(*) AS n FROM run_events WHERE run_id = ? AND payload LIKE ?`)).toBe(1);
  expect(count(`SELECT count(*) AS n FROM run_steps WHERE run_id = ? AND state_json LIKE ?`)).toBe(0);
  expect(count(`SELECT count(*) AS n FROM runs WHERE id = ? AND state_json LIKE ?`)).toBe(0);

  fixture = fixture.restart();
  const read = new EventLog(fixture.host.db).storedState(run.id);
  const output = read.steps.find((step) => step.key === 'print')?.attempts[0]?.commands[0]?.output;
  expect(output).toContain('marker-7f3a9c');
  expect(await fixture.client.call('runs.verify', { id: run.id })).toMatchObject({ valid: true });
});
