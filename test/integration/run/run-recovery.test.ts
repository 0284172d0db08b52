import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { restartReason } from '../../../electron/host/run/run-recovery';
import { rejection } from '../runbooks/host-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { startRunHost, waitFor, type RunHostFixture } from './host-fixture';
import { openRunTerminal, secretValue, startEngineRun, stepIn, untilStep } from './run-fixture';

let fixture: RunHostFixture;
afterEach(() => fixture.close());

test('a command running when the host stopped is outcome-unknown after the restart', async () => {
  fixture = startRunHost();
  const { runId: id } = await startEngineRun(fixture);
  const terminalId = await openRunTerminal(fixture, id);
  await fixture.client.call('runs.markDone', { id, stepKey: 'read-notes' });
  await fixture.client.call('runs.editCommand', {
    id,
    stepKey: 'list-dir',
    commandIndex: 0,
    text: 'sleep 60',
  });
  await fixture.client.call('runs.runStep', { id, stepKey: 'list-dir' });
  await waitFor(
    async () =>
      (await fixture.client.call('terminals.commands', { id: terminalId })).at(-1)?.outcome === 'running',
    'the command to start',
  );
  fixture = fixture.restart();
  const { client } = fixture;
  const detail = await client.call('runs.get', { id });
  const step = (await client.call('runs.step', { id, stepKey: 'list-dir' })).step;
  expect(step).toMatchObject({ status: 'unknown', unknownReason: restartReason });
  expect(step.attempts[0]?.commands[0]?.outcome).toBe('unknown');
  expect(stepIn(detail, 'read-notes').status).toBe('succeeded');
  expect(detail.run).toMatchObject({ status: 'active', terminalId: null, secretsAvailable: false });
  expect((await client.call('runs.verify', { id })).valid).toBe(true);
  const types = (await client.call('runs.events', { id })).map((event) => event.type);
  expect(types.slice(-2)).toEqual(['command.lost', 'step.unknown']);
  // Verified by hand: marked done with evidence.
  await client.call('runs.markDone', { id, stepKey: 'list-dir', evidence: 'the sleep ended' });
  // A second restart changes nothing more.
  fixture = fixture.restart();
  expect((await fixture.client.call('runs.events', { id })).map((event) => event.type)).toHaveLength(
    types.length + 2,
  );
});

test('after a restart secrets are gone until supplied again; commands using them are refused', async () => {
  fixture = startRunHost();
  const { runId: id } = await startEngineRun(fixture);
  fixture = fixture.restart();
  const { client } = fixture;
  expect((await client.call('runs.get', { id })).run.secretsAvailable).toBe(false);
  const refused = await rejection(client.call('runs.runStep', { id, stepKey: 'use-secret' }));
  expect(refused.code).toBe('conflict');
  expect(refused.message).toContain('db_password');
  expect(
    (await rejection(client.call('runs.supplySecrets', { id, secrets: { release: 'xxxx' } }))).field,
  ).toBe('params.secrets.release');
  const supplied = await client.call('runs.supplySecrets', { id, secrets: { db_password: secretValue } });
  expect(supplied.run.secretsAvailable).toBe(true);
  const events = await client.call('runs.events', { id });
  expect(events.at(-1)).toMatchObject({ type: 'secrets.supplied', payload: { names: ['db_password'] } });
  await openRunTerminal(fixture, id);
  await client.call('runs.runStep', { id, stepKey: 'use-secret' });
  const step = await untilStep(fixture, id, 'use-secret', ['succeeded', 'failed']);
  expect(step.status).toBe('succeeded');
  expect(step.attempts[0]?.commands[0]?.output).not.toContain(secretValue);
});

test('a countdown started before a restart finishes by itself after it', async () => {
  fixture = startRunHost();
  const { runId: id } = await startEngineRun(fixture);
  await fixture.client.call('runs.startWait', { id, stepKey: 'settle' });
  fixture = fixture.restart();
  const settled = await untilStep(fixture, id, 'settle', ['succeeded', 'failed', 'unknown']);
  expect(settled.status).toBe('succeeded');
  const finished = (await fixture.client.call('runs.events', { id })).filter(
    (event) => event.type === 'wait.finished',
  );
  expect(finished).toHaveLength(1);
});

test('a data folder copied while a command ran (as a killed host leaves it) opens with the step unknown', async () => {
  fixture = startRunHost();
  const { runId: id } = await startEngineRun(fixture);
  await openRunTerminal(fixture, id);
  await fixture.client.call('runs.editCommand', {
    id,
    stepKey: 'list-dir',
    commandIndex: 0,
    text: 'sleep 60',
  });
  await fixture.client.call('runs.runStep', { id, stepKey: 'list-dir' });
  // What is on disk once runStep answered: the database and its WAL, copied with the host still up.
  const copy = makeTempDir('handrail-killed-');
  for (const file of ['handrail.db', 'handrail.db-wal']) {
    const from = join(fixture.dataDir, file);
    if (existsSync(from)) copyFileSync(from, join(copy.path, file));
  }
  const reopened = startRunHost(copy.path);
  try {
    const detail = await reopened.client.call('runs.get', { id });
    const types = (await reopened.client.call('runs.events', { id })).map((event) => event.type);
    expect(types.slice(-4)).toEqual(['step.started', 'command.sent', 'command.lost', 'step.unknown']);
    expect(stepIn(detail, 'list-dir')).toMatchObject({ status: 'unknown', unknownReason: restartReason });
    expect((await reopened.client.call('runs.verify', { id })).valid).toBe(true);
  } finally {
    reopened.close();
    copy.remove();
  }
});
