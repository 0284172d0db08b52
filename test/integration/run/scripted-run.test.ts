import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { canonicalJson } from '../../../shared/canonical-json';
import { EventLog } from '../../../electron/host/run/event-log';
import { foldEvents } from '../../../electron/host/run/run-reducer';
import { rejection } from '../runbooks/host-fixture';
import { startRunHost, waitFor, type RunHostFixture } from './host-fixture';
import { openRunTerminal, secretValue, signGate, startEngineRun, stepIn, untilStep } from './run-fixture';
import { engineRunbook } from './run-runbook';

let fixture: RunHostFixture;
afterEach(() => fixture.close());

test('a scripted run through every kind of step, judged, recorded and verifiable', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const run = await startEngineRun(fixture);
  const id = run.runId;
  await openRunTerminal(fixture, id);

  // Instruction: marked done without evidence.
  expect(stepIn(await client.call('runs.markDone', { id, stepKey: 'read-notes' }), 'read-notes').status).toBe(
    'succeeded',
  );

  // A check judged from its command: started and sent before the answer, the outcome later.
  const started = await client.call('runs.runStep', { id, stepKey: 'check-release' });
  expect(stepIn(started, 'check-release').status).toBe('running');
  expect(stepIn(started, 'check-release').attempts[0]?.commands[0]?.outcome).toBe('running');
  const check = await untilStep(fixture, id, 'check-release', ['succeeded', 'failed']);
  expect(check.status).toBe('succeeded');
  expect(check.attempts[0]?.commands[0]).toMatchObject({ exitCode: 0, outcome: 'finished', problems: [] });
  expect(check.attempts[0]?.commands[0]?.output).toContain('release 2024.1 ready');

  // A manual check needs evidence.
  const noEvidence = await rejection(client.call('runs.markDone', { id, stepKey: 'look-at-dashboards' }));
  expect(noEvidence).toMatchObject({ code: 'conflict', field: 'params.evidence' });
  await client.call('runs.addEvidence', { id, stepKey: 'look-at-dashboards', text: 'all green at 10:02' });
  const dashboards = stepIn(
    await client.call('runs.markDone', { id, stepKey: 'look-at-dashboards' }),
    'look-at-dashboards',
  );
  expect(dashboards).toMatchObject({
    status: 'succeeded',
    evidence: [{ author: 'Ada', text: 'all green at 10:02' }],
  });

  // A failing command: judged failed, edited, retried and passing.
  await client.call('runs.runStep', { id, stepKey: 'list-dir' });
  const failed = await untilStep(fixture, id, 'list-dir', ['failed', 'succeeded']);
  expect(failed.status).toBe('failed');
  expect(failed.failReason).toMatch(/^`ls [^`]*missing` exited 2, expected 0/);
  expect(failed.attempts[0]?.commands[0]?.parts).toMatchObject([{ exitCode: 2, outputStart: 0 }]);
  const edited = await client.call('runs.editCommand', {
    id,
    stepKey: 'list-dir',
    commandIndex: 0,
    text: 'ls {{work_dir}}',
    reason: 'the folder is empty',
  });
  expect(stepIn(edited, 'list-dir').commands[0]).toMatchObject({ text: `ls ${run.workDir}`, edited: true });
  await client.call('runs.retry', { id, stepKey: 'list-dir' });
  const retried = await untilStep(fixture, id, 'list-dir', ['failed', 'succeeded']);
  expect(retried.status).toBe('succeeded');
  expect(retried.attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'succeeded']);
  expect(retried.attempts[1]?.commands[0]?.text).toBe(`ls ${run.workDir}`);

  // A command using a secret: sent with the value, recorded with the mask; Go templates untouched.
  await client.call('runs.runStep', { id, stepKey: 'use-secret' });
  const secret = await untilStep(fixture, id, 'use-secret', ['failed', 'succeeded']);
  expect(secret.status).toBe('succeeded');
  expect(secret.attempts[0]?.commands[0]?.text).toBe('echo "login with •••••• as {{.Names}}"');
  expect(secret.attempts[0]?.commands[0]?.output).toContain('as {{.Names}}');
  expect(secret.attempts[0]?.commands[0]?.output).not.toContain(secretValue);

  // Backups: artefacts read from the output, or recorded by hand when the output names none.
  await client.call('runs.runStep', { id, stepKey: 'backup-db' });
  const backup = await untilStep(fixture, id, 'backup-db', ['failed', 'succeeded']);
  expect(backup.status).toBe('succeeded');
  expect(backup.backups).toEqual([
    expect.objectContaining({
      path: 'db.tar',
      sizeBytes: 6,
      source: 'output',
      checksum: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    }),
  ]);
  await client.call('runs.runStep', { id, stepKey: 'backup-config' });
  await waitFor(async () => {
    const { step } = await client.call('runs.step', { id, stepKey: 'backup-config' });
    return step.attempts[0]?.commands[0]?.outcome === 'finished';
  }, 'the configuration backup command to end');
  expect(stepIn(await client.call('runs.get', { id }), 'backup-config').status).toBe('running');
  const recorded = await client.call('runs.recordBackup', {
    id,
    stepKey: 'backup-config',
    path: '/etc/kolla.tgz',
    sizeBytes: 1234,
  });
  expect(stepIn(recorded, 'backup-config')).toMatchObject({
    status: 'succeeded',
    backups: [
      expect.objectContaining({ path: '/etc/kolla.tgz', sizeBytes: 1234, checksum: null, source: 'typed' }),
    ],
  });

  // A countdown of one second finishes by itself.
  const wait = await client.call('runs.startWait', { id, stepKey: 'settle' });
  expect(stepIn(wait, 'settle').wait).toMatchObject({ mode: 'countdown', finishedAt: null });
  const settled = await untilStep(fixture, id, 'settle', ['succeeded', 'failed']);
  expect(settled.status).toBe('succeeded');
  expect(settled.wait?.finishedAt).not.toBeNull();

  // A poll through `sh -c` until the marker exists.
  await client.call('runs.startWait', { id, stepKey: 'wait-ready' });
  await waitFor(
    async () => (stepIn(await client.call('runs.get', { id }), 'wait-ready').wait?.pollAttempts ?? 0) >= 1,
    'a first poll',
  );
  expect(stepIn(await client.call('runs.get', { id }), 'wait-ready')).toMatchObject({
    status: 'running',
    wait: { lastExitCode: 1 },
  });
  writeFileSync(join(run.workDir, 'ready'), '');
  const ready = await untilStep(fixture, id, 'wait-ready', ['succeeded', 'failed']);
  expect(ready).toMatchObject({ status: 'succeeded', wait: { lastExitCode: 0 } });

  // The gate blocks the next phase until it is signed.
  const blocked = await rejection(client.call('runs.runStep', { id, stepKey: 'upgrade' }));
  expect(blocked).toMatchObject({ code: 'conflict' });
  expect(blocked.message).toContain('Go / no-go');
  expect(
    (await rejection(client.call('runs.markDone', { id, stepKey: 'go-no-go', evidence: 'x' }))).code,
  ).toBe('conflict');
  const signed = await signGate(fixture, id, 'go-no-go', { name: 'Grace', role: 'change manager' });
  expect(signed).toMatchObject({ status: 'succeeded', signoff: { name: 'Grace', role: 'change manager' } });
  await client.call('runs.runStep', { id, stepKey: 'upgrade' });
  expect((await untilStep(fixture, id, 'upgrade', ['succeeded', 'failed'])).status).toBe('succeeded');

  // A rolling step needs the environment's inventory to plan its hosts (this one has none); it can
  // still be marked done with evidence.
  const rolling = await rejection(client.call('runs.runStep', { id, stepKey: 'reboot-hosts' }));
  expect(rolling.message).toMatch(/needs the hosts of .*: import its inventory under Environments first/);
  const rolled = await client.call('runs.markDone', {
    id,
    stepKey: 'reboot-hosts',
    evidence: 'rebooted by hand',
  });
  expect(stepIn(rolled, 'reboot-hosts').status).toBe('succeeded');

  const noReason = await rejection(client.call('runs.skip', { id, stepKey: 'optional-tidy', reason: '  ' }));
  expect(noReason).toMatchObject({ code: 'invalid_params', field: 'params.reason' });
  await client.call('runs.skip', { id, stepKey: 'optional-tidy', reason: 'nothing to tidy' });
  const noted = await client.call('runs.addNote', {
    id,
    stepKey: 'upgrade',
    text: `took **12 min**; password ${secretValue}`,
  });
  expect(noted.notes[0]).toMatchObject({
    author: 'Ada',
    stepKey: 'upgrade',
    text: 'took **12 min**; password ••••••',
  });

  const finished = await client.call('runs.finish', { id });
  expect(finished.run).toMatchObject({ status: 'completed', currentStepKey: null });
  expect(
    (await rejection(client.call('runs.addNote', { id, stepKey: null, text: 'late' }))).message,
  ).toContain('read-only');

  // The log verifies, and the state rebuilt from it equals the stored state.
  const verified = await client.call('runs.verify', { id });
  expect(verified).toMatchObject({ valid: true, firstBadSeq: null, headHash: finished.run.headHash });
  const events = await client.call('runs.events', { id, limit: 10_000 });
  expect(events).toHaveLength(finished.run.eventCount);
  const stored = new EventLog(fixture.host.db).storedState(id);
  const rebuilt = foldEvents(engineRunbook(), id, events);
  expect(canonicalJson(rebuilt)).toBe(canonicalJson(stored));

  // No secret value anywhere in the database files.
  fixture.host.db.pragma('wal_checkpoint(PASSIVE)');
  for (const file of ['handrail.db', 'handrail.db-wal']) {
    const path = join(fixture.dataDir, file);
    if (existsSync(path)) expect(readFileSync(path).includes(Buffer.from(secretValue))).toBe(false);
  }
  const types = new Set(events.map((event) => event.type));
  for (const type of [
    'run.created',
    'terminal.opened',
    'step.started',
    'command.sent',
    'command.finished',
    'command.edited',
    'step.retried',
    'evidence.added',
    'backup.recorded',
    'wait.started',
    'wait.poll',
    'wait.finished',
    'gate.signed',
    'step.skipped',
    'note.added',
    'run.finished',
  ])
    expect(types).toContain(type);
});
