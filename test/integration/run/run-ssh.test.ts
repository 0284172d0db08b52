import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { droppedReason } from '../../../electron/host/run/command-runner';
import { SshServer, sshdAvailable } from '../../support/sshd';
import { startRunHost, waitFor, type RunHostFixture } from './host-fixture';
import { openRunTerminal, startEngineRun, stepIn, untilStep } from './run-fixture';

const available = sshdAvailable();

describe.skipIf(!available)('a run whose control host is a real sshd on 127.0.0.1', () => {
  const server = new SshServer();
  let fixture: RunHostFixture;
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  afterEach(() => fixture.close());

  const sshEnvironment = () => ({
    controlHost: { kind: 'ssh' as const, profile: { host: server.alias, configFile: server.clientConfig } },
  });

  test('commands run over SSH; a poll goes through the shared connection', async () => {
    fixture = startRunHost();
    const { client } = fixture;
    const run = await startEngineRun(fixture, { environment: sshEnvironment() });
    const id = run.runId;
    await openRunTerminal(fixture, id);
    await client.call('runs.runStep', { id, stepKey: 'check-release' });
    expect((await untilStep(fixture, id, 'check-release', ['succeeded', 'failed'])).status).toBe('succeeded');
    await client.call('runs.startWait', { id, stepKey: 'wait-ready' });
    await waitFor(
      async () => (stepIn(await client.call('runs.get', { id }), 'wait-ready').wait?.pollAttempts ?? 0) >= 1,
      'a first poll over ssh',
    );
    expect(stepIn(await client.call('runs.get', { id }), 'wait-ready').wait?.lastExitCode).toBe(1);
    writeFileSync(join(run.workDir, 'ready'), '');
    const ready = await untilStep(fixture, id, 'wait-ready', ['succeeded', 'failed']);
    expect(ready).toMatchObject({ status: 'succeeded', wait: { lastExitCode: 0 } });
  });

  test('a connection dropped mid-command leaves the step outcome-unknown', async () => {
    fixture = startRunHost();
    const { client } = fixture;
    const { runId: id } = await startEngineRun(fixture, { environment: sshEnvironment() });
    const terminalId = await openRunTerminal(fixture, id);
    await client.call('runs.editCommand', { id, stepKey: 'list-dir', commandIndex: 0, text: 'sleep 60' });
    await client.call('runs.runStep', { id, stepKey: 'list-dir' });
    await waitFor(
      async () => (await client.call('terminals.commands', { id: terminalId })).at(-1)?.outcome === 'running',
      'the command to start on the remote shell',
    );
    expect(server.killConnections()).toBeGreaterThan(0);
    const step = await untilStep(fixture, id, 'list-dir', ['unknown', 'failed', 'succeeded']);
    expect(step).toMatchObject({ status: 'unknown', unknownReason: droppedReason });
    expect(step.attempts[0]?.commands[0]).toMatchObject({ outcome: 'unknown', exitCode: null });
    expect((await client.call('runs.verify', { id })).valid).toBe(true);
  });
});
