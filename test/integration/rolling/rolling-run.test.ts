import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { canonicalJson } from '../../../shared/canonical-json';
import { rejection } from '../runbooks/host-fixture';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';
import type { StepState } from '../../../shared/contract/index';
import { openRunTerminal, readStep } from '../run/run-fixture';
import { cell, rollingIn, startRollingRun, until } from './rolling-fixture';

let fixture: RunHostFixture;
afterEach(() => fixture.close());

const statusesOf = (detail: { steps: ReadonlyArray<Pick<StepState, 'key' | 'status'>> }, host: string) =>
  ['drain', 'update', 'enable'].map((sub) => cell(detail, host, sub).status);

test('a rolling step: planned at the start, batches offered, a failure stops it, retry, skip, pause across a restart', async () => {
  fixture = startRunHost();
  const run = await startRollingRun(fixture);
  const id = run.runId;
  const plan = rollingIn(run.detail);
  // Batches of 2 in inventory order; the VIP holder (web-4) alone at the end.
  expect(plan.batches).toEqual([['web-1', 'web-2'], ['web-3', 'web-5'], ['web-6'], ['web-4']]);
  expect(plan.hosts.map((host) => [host.name, host.batch])).toEqual([
    ['web-1', 0],
    ['web-2', 0],
    ['web-3', 1],
    ['web-5', 1],
    ['web-6', 2],
    ['web-4', 3],
  ]);
  expect(cell(run.detail, 'web-3', 'update').commands[0]?.text).toContain(`${run.workDir}/fail-web-3`);
  // Host steps are not runbook steps: the run's counts and current step ignore them.
  expect(run.detail.run.counts.pending).toBe(2);
  await openRunTerminal(fixture, id);
  await fixture.client.call('runs.markDone', { id, stepKey: 'prepare' });

  // A host further on waits for its batch.
  const early = await rejection(fixture.client.call('runs.runStep', { id, stepKey: 'roll@web-3/drain' }));
  expect(early.message).toContain('web-3 is in batch 2');

  // Batch 1 runs by itself once started: each sub-step on every host of the batch in turn.
  await fixture.client.call('runs.runStep', { id, stepKey: 'roll' });
  let detail = await until(fixture, id, (d) => rollingIn(d).finishedBatches === 1, 'batch 1 to finish');
  expect(statusesOf(detail, 'web-1')).toEqual(['succeeded', 'succeeded', 'succeeded']);
  const order = ['drain', 'update', 'enable'].flatMap((sub) =>
    ['web-1', 'web-2'].map((host) => cell(detail, host, sub).startedAt ?? ''),
  );
  expect([...order].sort()).toEqual(order);
  expect((await readStep(fixture, id, 'roll@web-2/update')).attempts[0]?.commands[0]?.output).toContain(
    'updated web-2',
  );
  expect(rollingIn(detail).outOfService).toEqual([]);
  expect(detail.steps.find((step) => step.key === 'roll')?.status).toBe('running');
  // The next batch waits for the operator.
  expect(rollingIn(detail).currentBatch).toBeNull();
  expect(cell(detail, 'web-3', 'drain').status).toBe('pending');

  // Batch 2: web-3's update fails; the rolling step stops with both hosts drained.
  writeFileSync(join(run.workDir, 'fail-web-3'), '');
  await fixture.client.call('runs.runStep', { id, stepKey: 'roll' });
  detail = await until(fixture, id, (d) => cell(d, 'web-3', 'update').status === 'failed', 'web-3 to fail');
  expect(statusesOf(detail, 'web-5')).toEqual(['succeeded', 'pending', 'pending']);
  expect(rollingIn(detail).outOfService).toEqual(['web-3', 'web-5']);
  const stopped = await rejection(fixture.client.call('runs.runStep', { id, stepKey: 'roll' }));
  expect(stopped.message).toContain('retry it, skip the host, or abort the rolling step');

  // Retried, it passes, and the batch goes on to its end.
  rmSync(join(run.workDir, 'fail-web-3'));
  await fixture.client.call('runs.retry', { id, stepKey: 'roll@web-3/update' });
  detail = await until(fixture, id, (d) => rollingIn(d).finishedBatches === 2, 'batch 2 to finish');
  expect(
    (await readStep(fixture, id, 'roll@web-3/update')).attempts.map((attempt) => attempt.outcome),
  ).toEqual(['failed', 'succeeded']);
  expect(statusesOf(detail, 'web-5')).toEqual(['succeeded', 'succeeded', 'succeeded']);
  expect(rollingIn(detail).outOfService).toEqual([]);

  // web-6 is skipped with a reason before its batch: the batch finishes at once, not updated.
  const missing = await rejection(
    fixture.client.call('runs.skipHost', { id, stepKey: 'roll', host: 'web-9', reason: 'gone' }),
  );
  expect(missing).toMatchObject({ code: 'invalid_params', field: 'params.host' });
  await fixture.client.call('runs.skipHost', {
    id,
    stepKey: 'roll',
    host: 'web-6',
    reason: 'decommissioned',
  });
  await fixture.client.call('runs.runStep', { id, stepKey: 'roll' });
  detail = await until(fixture, id, (d) => rollingIn(d).finishedBatches === 3, 'batch 3 to finish');
  expect(statusesOf(detail, 'web-6')).toEqual(['skipped', 'skipped', 'skipped']);
  expect(cell(detail, 'web-6', 'drain').skipReason).toBe('host skipped: decommissioned');
  expect(rollingIn(detail).skippedHosts).toEqual({ 'web-6': 'decommissioned' });

  // The VIP holder's update is held; the run is paused while it runs: the command ends, nothing
  // more is sent; the host restarts; after the resume the batch goes on.
  writeFileSync(join(run.workDir, 'hold-web-4'), '');
  await fixture.client.call('runs.runStep', { id, stepKey: 'roll' });
  await until(fixture, id, (d) => cell(d, 'web-4', 'update').status === 'running', 'web-4 update to run');
  await fixture.client.call('runs.pause', { id, reason: 'shift change' });
  rmSync(join(run.workDir, 'hold-web-4'));
  detail = await until(fixture, id, (d) => cell(d, 'web-4', 'update').status === 'succeeded', 'web-4 update');
  expect(cell(detail, 'web-4', 'enable').status).toBe('pending');
  expect(rollingIn(detail).outOfService).toEqual(['web-4']);

  fixture = fixture.restart();
  detail = await fixture.client.call('runs.get', { id });
  expect(detail.run.status).toBe('paused');
  expect(detail.steps.find((step) => step.key === 'roll')?.status).toBe('running');
  expect(rollingIn(detail)).toMatchObject({ currentBatch: 3, outOfService: ['web-4'] });
  expect(cell(detail, 'web-4', 'enable').status).toBe('pending');
  await openRunTerminal(fixture, id);
  await fixture.client.call('runs.resume', { id });
  detail = await until(
    fixture,
    id,
    (d) => d.steps.find((step) => step.key === 'roll')?.status === 'succeeded',
    'the rolling step to succeed',
  );
  expect(statusesOf(detail, 'web-4')).toEqual(['succeeded', 'succeeded', 'succeeded']);
  expect(rollingIn(detail)).toMatchObject({ finishedBatches: 4, currentBatch: null, outOfService: [] });

  // The log verifies, and the stored state (host steps in their own rows) is the fold of it.
  expect(await fixture.client.call('runs.verify', { id })).toMatchObject({ valid: true });
  await fixture.client.call('runs.finish', { id });
  const events = await fixture.client.call('runs.events', { id, limit: 10_000 });
  expect(events.filter((event) => event.type === 'rolling.batchStarted').map((e) => e.payload)).toEqual([
    { batch: 0, hosts: ['web-1', 'web-2'] },
    { batch: 1, hosts: ['web-3', 'web-5'] },
    { batch: 2, hosts: ['web-6'] },
    { batch: 3, hosts: ['web-4'] },
  ]);
  expect(canonicalJson(events.find((e) => e.type === 'rolling.planned')?.payload)).toContain(
    '"inventoryFile":"hosts.ini"',
  );
});

test('the drain cap holds a batch back while a skipped host is still drained; restoring it frees the cap', async () => {
  fixture = startRunHost();
  const run = await startRollingRun(fixture, { policy: { drainCap: 2, vipHolderLast: false } });
  const id = run.runId;
  await openRunTerminal(fixture, id);
  writeFileSync(join(run.workDir, 'fail-web-2'), '');
  await fixture.client.call('runs.runStep', { id, stepKey: 'roll' });
  await until(fixture, id, (d) => cell(d, 'web-2', 'update').status === 'failed', 'web-2 to fail');
  await fixture.client.call('runs.skipHost', { id, stepKey: 'roll', host: 'web-2', reason: 'disk fault' });
  let detail = await until(fixture, id, (d) => rollingIn(d).finishedBatches === 1, 'batch 1 to finish');
  // Skipped after its drain: still out of service, shown so until its enable has passed.
  expect(rollingIn(detail).outOfService).toEqual(['web-2']);
  const held = await rejection(fixture.client.call('runs.runStep', { id, stepKey: 'roll' }));
  expect(held.message).toContain('would put 3 hosts out of service at once; the drain cap is 2');
  expect(rollingIn(await fixture.client.call('runs.get', { id })).currentBatch).toBeNull();

  await fixture.client.call('runs.retry', {
    id,
    stepKey: 'roll@web-2/enable',
    reason: 'put web-2 back in service',
  });
  detail = await until(
    fixture,
    id,
    (d) => cell(d, 'web-2', 'enable').status === 'succeeded',
    'web-2 enabled',
  );
  expect(rollingIn(detail).outOfService).toEqual([]);
  await fixture.client.call('runs.runStep', { id, stepKey: 'roll' });
  await until(fixture, id, (d) => rollingIn(d).finishedBatches === 2, 'batch 2 to finish');
});

test('abort stops the rolling step (failed, the run can finish); a retry continues where it stopped; auto batches', async () => {
  fixture = startRunHost();
  const run = await startRollingRun(fixture, { policy: { auto: true } });
  const id = run.runId;
  await openRunTerminal(fixture, id);
  writeFileSync(join(run.workDir, 'fail-web-5'), '');
  await fixture.client.call('runs.runStep', { id, stepKey: 'roll' });
  // auto: batch 2 starts by itself after batch 1 passed; web-5 fails in it.
  let detail = await until(
    fixture,
    id,
    (d) => cell(d, 'web-5', 'update').status === 'failed',
    'web-5 to fail',
  );
  expect(rollingIn(detail).finishedBatches).toBe(1);
  await fixture.client.call('runs.abortRolling', { id, stepKey: 'roll', reason: 'storage alarm' });
  detail = await fixture.client.call('runs.get', { id });
  expect(detail.steps.find((step) => step.key === 'roll')).toMatchObject({
    status: 'failed',
    failReason: 'rolling update aborted: storage alarm',
  });
  await fixture.client.call('runs.markDone', { id, stepKey: 'prepare' });

  rmSync(join(run.workDir, 'fail-web-5'));
  await fixture.client.call('runs.retry', { id, stepKey: 'roll' });
  const refused = await rejection(fixture.client.call('runs.runStep', { id, stepKey: 'roll' }));
  expect(refused.message).toContain('"Update · web-5" is failed');
  await fixture.client.call('runs.retry', { id, stepKey: 'roll@web-5/update' });
  await until(fixture, id, (d) => cell(d, 'web-5', 'update').status === 'succeeded', 'web-5 to pass');
  // The rolling step was reopened by its retry (pending): starting it continues the batch.
  await fixture.client.call('runs.runStep', { id, stepKey: 'roll' });
  detail = await until(
    fixture,
    id,
    (d) => d.steps.find((step) => step.key === 'roll')?.status === 'succeeded',
    'every batch to pass',
  );
  expect(rollingIn(detail).finishedBatches).toBe(4);
  expect(
    detail.steps.filter((step) => step.key.startsWith('roll@')).every((s) => s.status === 'succeeded'),
  ).toBe(true);
});
