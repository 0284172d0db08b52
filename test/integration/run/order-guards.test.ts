import { afterEach, expect, test } from 'vitest';
import { rejection } from '../runbooks/host-fixture';
import { startRunHost, type RunHostFixture } from './host-fixture';
import { openRunTerminal, signGate, startEngineRun, stepIn, untilStep } from './run-fixture';
import { approveRun } from '../../support/approve-run';

/**
 * Order guards (docs/runs.md, "Order"): a running wait holds back the steps after it, and in a
 * live production run so do earlier steps not done. Going ahead records a reason; production
 * refuses to pass a running wait until it ends or is cut short.
 */
let fixture: RunHostFixture;
afterEach(() => fixture.close());

test('a running wait holds back the steps after it: a reason lets one go, and is recorded', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const { runId: id } = await startEngineRun(fixture);
  await openRunTerminal(fixture, id);
  await client.call('runs.startWait', { id, stepKey: 'wait-ready' });

  const held = await rejection(signGate(fixture, id, 'go-no-go', { name: 'Grace' }));
  expect(held).toMatchObject({ code: 'conflict', field: 'params.outOfOrderReason' });
  expect(held.message).toMatch(
    /^"Wait for the ready marker" is still waiting \(\d+:\d\d left\): signing "Go \/ no-go" now needs a reason/,
  );
  // Steps before the wait are not held.
  await client.call('runs.markDone', { id, stepKey: 'read-notes' });
  const signed = await signGate(fixture, id, 'go-no-go', {
    name: 'Grace',
    outOfOrderReason: 'the marker is only a formality here',
  });
  expect(signed).toMatchObject({
    status: 'succeeded',
    outOfOrder: [{ author: 'Ada', reason: 'the marker is only a formality here', kind: 'wait' }],
  });
  for (const call of [
    client.call('runs.runStep', { id, stepKey: 'upgrade' }),
    client.call('runs.markDone', { id, stepKey: 'optional-tidy' }),
  ])
    expect((await rejection(call)).field).toBe('params.outOfOrderReason');
  await client.call('runs.markDone', { id, stepKey: 'optional-tidy', outOfOrderReason: 'nothing to tidy' });
  const events = await client.call('runs.events', { id });
  expect(events.filter((event) => event.type === 'step.outOfOrder')).toMatchObject([
    { stepKey: 'go-no-go', payload: { kind: 'wait', heldBy: ['wait-ready'] } },
    {
      stepKey: 'optional-tidy',
      payload: { reason: 'nothing to tidy', kind: 'wait', heldBy: ['wait-ready'] },
    },
  ]);

  // Once the wait is over nothing holds the step back.
  await client.call('runs.cutWait', { id, stepKey: 'wait-ready', reason: 'marker checked by hand' });
  await client.call('runs.markDone', { id, stepKey: 'upgrade', evidence: 'upgraded by hand' });
  expect((await client.call('runs.verify', { id })).valid).toBe(true);
});

test('production: a running wait refuses the steps after it even with a reason, until it is cut', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const { runId: id } = await startEngineRun(fixture, {
    environment: { name: 'Prod East', kind: 'production' },
  });
  await approveRun(client, id); // approval before change (docs/approval.md) is not this test's subject
  await openRunTerminal(fixture, id);
  for (const key of ['read-notes', 'check-release', 'look-at-dashboards', 'list-dir', 'use-secret'])
    await client.call('runs.skip', { id, stepKey: key, reason: 'covered elsewhere' });
  for (const key of ['backup-db', 'backup-config', 'settle'])
    await client.call('runs.skip', { id, stepKey: key, reason: 'covered elsewhere' });
  await client.call('runs.startWait', { id, stepKey: 'wait-ready' });
  const refused = await rejection(
    signGate(fixture, id, 'go-no-go', { name: 'Grace', outOfOrderReason: 'hurry' }),
  );
  expect(refused.code).toBe('conflict');
  expect(refused.message).toContain(
    'in a live production run "Go / no-go" waits until it ends or is cut short',
  );
  await client.call('runs.cutWait', { id, stepKey: 'wait-ready', reason: 'the marker is there' });
  await signGate(fixture, id, 'go-no-go', { name: 'Grace' });
  expect(stepIn(await client.call('runs.get', { id }), 'go-no-go').status).toBe('succeeded');
});

test('production: a step before earlier ones are done needs a reason; the engine goes on by itself', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const { runId: id } = await startEngineRun(fixture, {
    environment: { name: 'Prod North', kind: 'production' },
  });
  await approveRun(client, id); // approval before change (docs/approval.md) is not this test's subject
  await openRunTerminal(fixture, id);
  const held = await rejection(client.call('runs.runStep', { id, stepKey: 'check-release' }));
  expect(held).toMatchObject({ field: 'params.outOfOrderReason' });
  expect(held.message).toContain('earlier steps are not done: "Read the release notes" (pending)');
  // In order: nothing to say.
  await client.call('runs.markDone', { id, stepKey: 'read-notes' });
  await client.call('runs.runStep', { id, stepKey: 'check-release' });
  expect((await untilStep(fixture, id, 'check-release', ['succeeded', 'failed'])).status).toBe('succeeded');
  // Out of order with a reason.
  await client.call('runs.runStep', {
    id,
    stepKey: 'backup-config',
    outOfOrderReason: 'the dashboards are checked by the NOC',
  });
  const backup = await untilStep(fixture, id, 'backup-config', ['running', 'succeeded', 'failed']);
  expect(backup.outOfOrder).toEqual([expect.objectContaining({ kind: 'order' })]);
});
