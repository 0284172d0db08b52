import { afterEach, expect, test } from 'vitest';
import { rejection } from '../runbooks/host-fixture';
import { startRunHost, waitFor, type RunHostFixture } from './host-fixture';
import { openRunTerminal, signGate, startEngineRun, stepIn, untilStep } from './run-fixture';
import { approveRun } from '../../support/approve-run';

let fixture: RunHostFixture;
afterEach(() => fixture.close());

test('step transitions: fail, skip and retry from the states the rules allow, refused from others', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const { runId: id } = await startEngineRun(fixture);
  const status = async (stepKey: string) => stepIn(await client.call('runs.get', { id }), stepKey).status;

  // pending → succeeded (instruction) → failed (fail from succeeded) → pending (retry) → skipped
  await client.call('runs.markDone', { id, stepKey: 'read-notes' });
  expect((await rejection(client.call('runs.markDone', { id, stepKey: 'read-notes' }))).code).toBe(
    'conflict',
  );
  expect((await rejection(client.call('runs.skip', { id, stepKey: 'read-notes', reason: 'x' }))).code).toBe(
    'conflict',
  );
  expect((await rejection(client.call('runs.retry', { id, stepKey: 'read-notes' }))).code).toBe('conflict');
  await client.call('runs.fail', { id, stepKey: 'read-notes', reason: 'read the wrong notes' });
  expect(await status('read-notes')).toBe('failed');
  expect(
    (await rejection(client.call('runs.fail', { id, stepKey: 'read-notes', reason: 'again' }))).code,
  ).toBe('conflict');
  const retried = stepIn(await client.call('runs.retry', { id, stepKey: 'read-notes' }), 'read-notes');
  expect(retried).toMatchObject({ status: 'pending', failReason: null });
  expect(retried.attempts.map((attempt) => attempt.outcome)).toEqual(['succeeded', 'failed']);
  await client.call('runs.skip', { id, stepKey: 'read-notes', reason: 'known release' });
  expect(stepIn(await client.call('runs.get', { id }), 'read-notes')).toMatchObject({
    status: 'skipped',
    skipReason: 'known release',
  });
  // skipped → pending by retry, which takes the skip back and so says why; failed → skipped;
  // pending → failed
  const unskip = await rejection(client.call('runs.retry', { id, stepKey: 'read-notes' }));
  expect(unskip).toMatchObject({ code: 'invalid_params', field: 'params.reason' });
  expect(await status('read-notes')).toBe('skipped');
  await client.call('runs.retry', { id, stepKey: 'read-notes', reason: 'the release is not the known one' });
  const retriedEvents = (await client.call('runs.events', { id })).filter(
    (event) => event.type === 'step.retried',
  );
  expect(retriedEvents.at(-1)!.payload).toMatchObject({
    from: 'skipped',
    reason: 'the release is not the known one',
  });
  await client.call('runs.fail', { id, stepKey: 'read-notes', reason: 'x' });
  await client.call('runs.skip', { id, stepKey: 'read-notes', reason: 'y' });
  expect(await status('read-notes')).toBe('skipped');
  expect((await rejection(client.call('runs.fail', { id, stepKey: 'read-notes', reason: 'z' }))).code).toBe(
    'conflict',
  );
  expect((await rejection(client.call('runs.fail', { id, stepKey: 'read-notes', reason: '' }))).field).toBe(
    'params.reason',
  );

  // Gates: not skippable unless optional, never marked done; unknown steps are not_found.
  expect(
    (await rejection(client.call('runs.skip', { id, stepKey: 'go-no-go', reason: 'in a hurry' }))).message,
  ).toContain('optional');
  const missing = await rejection(client.call('runs.skip', { id, stepKey: 'nope', reason: 'x' }));
  expect(missing).toMatchObject({ code: 'not_found', field: 'params.stepKey' });

  // Command steps may be marked done only with evidence (an override), and a running step not at all.
  expect((await rejection(client.call('runs.markDone', { id, stepKey: 'list-dir' }))).field).toBe(
    'params.evidence',
  );
  const override = await client.call('runs.markDone', {
    id,
    stepKey: 'list-dir',
    evidence: 'listed by hand',
  });
  expect(stepIn(override, 'list-dir')).toMatchObject({
    status: 'succeeded',
    evidence: [{ text: 'listed by hand' }],
  });

  // runStep with no terminal open is refused, saying what to do.
  expect((await rejection(client.call('runs.runStep', { id, stepKey: 'use-secret' }))).message).toContain(
    'runs.openTerminal',
  );

  // Finishing is refused while steps are open, naming the first few.
  const early = await rejection(client.call('runs.finish', { id }));
  expect(early.message).toContain('"Check the release" (pending)');
  expect((await rejection(client.call('runs.abort', { id, reason: ' ' }))).field).toBe('params.reason');
});

test('a paused run refuses step actions but takes notes, handover and resume', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const { runId: id } = await startEngineRun(fixture);
  const paused = await client.call('runs.pause', { id, reason: 'shift change' });
  expect(paused.run).toMatchObject({ status: 'paused' });
  expect(paused.run.pausedAt).not.toBeNull();
  for (const attempt of [
    client.call('runs.markDone', { id, stepKey: 'read-notes' }),
    client.call('runs.skip', { id, stepKey: 'read-notes', reason: 'x' }),
    client.call('runs.fail', { id, stepKey: 'read-notes', reason: 'x' }),
    client.call('runs.runStep', { id, stepKey: 'check-release' }),
    client.call('runs.startWait', { id, stepKey: 'settle' }),
    signGate(fixture, id, 'go-no-go', { name: 'Grace' }),
    client.call('runs.addEvidence', { id, stepKey: 'look-at-dashboards', text: 'x' }),
    client.call('runs.editCommand', { id, stepKey: 'list-dir', commandIndex: 0, text: 'ls' }),
    client.call('runs.setVariable', { id, name: 'release', value: '2025.1' }),
    client.call('runs.finish', { id }),
    client.call('runs.pause', { id }),
  ]) {
    const refused = await rejection(attempt);
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('paused');
  }
  await client.call('runs.addNote', { id, stepKey: null, text: 'handing over to Grace' });
  const handed = await client.call('runs.handover', { id, operator: 'Grace' });
  expect(handed.run.operator).toBe('Grace');
  expect(handed.run.operators.map((operator) => operator.name)).toEqual(['Ada', 'Grace']);
  const resumed = await client.call('runs.resume', { id });
  expect(resumed.run).toMatchObject({ status: 'active', pausedAt: null });
  expect(resumed.run.pausedSeconds).toBeGreaterThanOrEqual(0);
  expect((await rejection(client.call('runs.resume', { id }))).code).toBe('conflict');
  const done = await client.call('runs.markDone', { id, stepKey: 'read-notes' });
  expect(stepIn(done, 'read-notes').attempts[0]?.operator).toBe('Grace');
  const events = await client.call('runs.events', { id });
  expect(events.find((event) => event.type === 'run.handover')?.payload).toEqual({
    from: 'Ada',
    to: 'Grace',
  });
  const aborted = await client.call('runs.abort', { id, reason: 'window closed' });
  expect(aborted.run.status).toBe('aborted');
  expect((await rejection(client.call('runs.resume', { id }))).message).toContain('read-only');
});

test('a variable changed during the run changes the commands still to send', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const { runId: id } = await startEngineRun(fixture);
  const changed = await client.call('runs.setVariable', {
    id,
    name: 'release',
    value: '2025.1',
    reason: 'new tag',
  });
  expect(changed.run.variables.release).toBe('2025.1');
  expect(stepIn(changed, 'upgrade').commands[0]?.text).toBe('echo upgraded to 2025.1');
  expect((await rejection(client.call('runs.setVariable', { id, name: 'nope', value: 'x' }))).field).toBe(
    'params.name',
  );
  const secret = await client.call('runs.setVariable', {
    id,
    name: 'db_password',
    value: 'another-secret-value',
  });
  expect(secret.run.variables.db_password).toBe('••••••');
  const events = await client.call('runs.events', { id });
  expect(JSON.stringify(events)).not.toContain('another-secret-value');
});

test('production: a destructive step needs the environment name typed', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const { runId: id } = await startEngineRun(fixture, {
    environment: { name: 'Prod West', kind: 'production' },
  });
  await approveRun(client, id); // approval before change (docs/approval.md) is not this test's subject
  await openRunTerminal(fixture, id);
  // The earlier steps are left pending on purpose: going ahead says why (docs/runs.md, "Order").
  const outOfOrderReason = 'the preparation was done in the change ticket';
  await signGate(fixture, id, 'go-no-go', { name: 'Grace', outOfOrderReason });
  const missing = await rejection(client.call('runs.runStep', { id, stepKey: 'upgrade', outOfOrderReason }));
  expect(missing).toMatchObject({ code: 'conflict', field: 'params.confirm' });
  expect(missing.message).toContain('type the environment');
  const wrong = await rejection(
    client.call('runs.runStep', { id, stepKey: 'upgrade', confirm: 'prod west', outOfOrderReason }),
  );
  expect(wrong.field).toBe('params.confirm');
  expect(
    (
      await rejection(
        client.call('runs.markDone', { id, stepKey: 'upgrade', evidence: 'x', outOfOrderReason }),
      )
    ).field,
  ).toBe('params.confirm');
  await client.call('runs.runStep', { id, stepKey: 'upgrade', confirm: '  Prod West ', outOfOrderReason });
  expect((await untilStep(fixture, id, 'upgrade', ['succeeded', 'failed'])).status).toBe('succeeded');
});

test('one command at a time: a second runStep names the running step; cancel sends Ctrl-C', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const { runId: id } = await startEngineRun(fixture);
  await openRunTerminal(fixture, id);
  await client.call('runs.editCommand', { id, stepKey: 'list-dir', commandIndex: 0, text: 'sleep 30' });
  const { run } = await client.call('runs.runStep', { id, stepKey: 'list-dir' });
  await waitFor(
    async () =>
      (await client.call('terminals.commands', { id: run.terminalId ?? '' })).at(-1)?.outcome === 'running',
    'the shell to start the command',
  );
  const busy = await rejection(client.call('runs.runStep', { id, stepKey: 'check-release' }));
  expect(busy).toMatchObject({ code: 'conflict' });
  expect(busy.message).toContain('List the work folder');
  expect((await rejection(client.call('runs.skip', { id, stepKey: 'list-dir', reason: 'x' }))).code).toBe(
    'conflict',
  );
  await client.call('runs.cancelCommand', { id, stepKey: 'list-dir' });
  const cancelled = await untilStep(fixture, id, 'list-dir', ['failed', 'succeeded']);
  expect(cancelled.attempts[0]?.commands[0]?.exitCode).toBe(130);
  expect(cancelled.failReason).toContain('`sleep 30` exited 130');
});
