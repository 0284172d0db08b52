import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { runbook } from '../../../shared/runbook/index';
import { serializeRunbook } from '../../../electron/host/runbook/index';
import { databaseFileName } from '../../../electron/host/store/data-dir';
import { environmentInput, startRunHost, type RunHostFixture } from '../run/host-fixture';

let fixture: RunHostFixture;
afterEach(() => fixture.close());

const subSteps = Array.from({ length: 10 }, (_, index) => ({
  id: `check-${index + 1}`,
  title: `Check ${index + 1}`,
  kind: 'instruction' as const,
  text: 'Look at {{host}}',
}));

/**
 * 500 hosts × 10 sub-steps: each event writes only the host steps it changed, so the run row
 * stays the size of the runbook's own steps and the stored state is still the fold of the log.
 * Timings are printed for the record (they are not asserted: the machine is shared).
 */
test('500 hosts × 10 sub-steps: small appends, a full state read back, a verifiable log', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const environment = await client.call('environments.create', { environment: environmentInput() });
  await client.call('inventories.save', {
    environmentId: environment.id,
    text: '[compute]\nh-[001:500]\n',
    source: { kind: 'pasted' },
  });
  const created = await client.call('runbooks.create', {
    title: 'Scale',
    source: serializeRunbook(
      runbook.parse({
        title: 'Scale',
        phases: [
          {
            title: 'Hosts',
            steps: [
              {
                id: 'roll',
                title: 'Look at every host',
                kind: 'rolling',
                rolling: { group: 'compute', order: 'batches', batchSize: 50, steps: subSteps },
              },
            ],
          },
        ],
      }),
    ),
  });
  let started = performance.now();
  const detail = await client.call('runs.start', {
    runbookId: created.id,
    revision: created.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada',
    variables: {},
    secrets: {},
  });
  const startMs = performance.now() - started;
  const id = detail.run.id;
  expect(detail.steps).toHaveLength(1 + 5000);
  expect(detail.steps.find((step) => step.key === 'roll@h-250/check-3')?.title).toBe('Check 3 · h-250');

  await client.call('runs.runStep', { id, stepKey: 'roll' }).catch(() => undefined);
  started = performance.now();
  const hosts = Array.from({ length: 20 }, (_, index) => `h-${String(index + 1).padStart(3, '0')}`);
  for (const host of hosts) {
    const update = await client.call('runs.markDone', { id, stepKey: `roll@${host}/check-2` });
    // The answer carries the step that changed, not the 5,000 (check-2 neither drains nor restores).
    expect(update.steps.map((step) => step.key)).toEqual([`roll@${host}/check-2`]);
  }
  const markMs = (performance.now() - started) / hosts.length;
  started = performance.now();
  const read = await client.call('runs.get', { id });
  const getMs = performance.now() - started;
  expect(read.steps.filter((step) => step.status === 'succeeded')).toHaveLength(20);
  const drained = await client.call('runs.markDone', { id, stepKey: 'roll@h-001/check-1' });
  // The first sub-step takes the host out of service (no drains/restores marks): the plan changed too.
  expect(drained.steps.map((step) => step.key).sort()).toEqual(['roll', 'roll@h-001/check-1']);
  expect(drained.steps.find((step) => step.key === 'roll')?.rolling?.outOfService).toEqual(['h-001']);

  const db = new Database(join(fixture.dataDir, databaseFileName), { readonly: true });
  const row = db.prepare(`SELECT length(state_json) AS size FROM runs WHERE id = ?`).get(id) as {
    size: number;
  };
  const hostRows = db
    .prepare(`SELECT count(*) AS n FROM run_steps WHERE run_id = ? AND host_step = 1`)
    .get(id) as { n: number };
  db.close();
  expect(hostRows.n).toBe(5000);
  // The run row holds the header, not the steps (migration 0010: each step is a row).
  expect(row.size).toBeLessThan(20_000);
  expect(await client.call('runs.verify', { id })).toMatchObject({ valid: true });
  // The runs list counts the host steps from their rows (21 of 5,000 done, the rest open).
  started = performance.now();
  const [summary] = await client.call('runs.list', {});
  const listMs = performance.now() - started;
  expect(summary?.tally.hostSteps).toEqual({
    total: 5000,
    done: 21,
    failed: 0,
    skipped: 0,
    unknown: 0,
    open: 4979,
  });
  // Aborted, then after a restart (the run no longer in the engine's memory), SQLite counts the
  // host steps from their rows: the same count.
  await client.call('runs.abort', { id, reason: 'scale test over' });
  fixture = fixture.restart();
  const [fromRows] = await fixture.client.call('runs.list', {});
  expect(fromRows?.tally).toEqual(summary?.tally);
  console.log(
    `500×10: start ${startMs.toFixed(0)} ms, markDone ${markMs.toFixed(1)} ms each, runs.get ${getMs.toFixed(0)} ms, runs.list ${listMs.toFixed(1)} ms, run row ${row.size} B`,
  );
});
