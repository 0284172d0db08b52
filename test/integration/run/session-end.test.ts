import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../electron/host/store/database';
import { startServe } from '../../support/built-app';
import { connectWebSocketClient } from '../../support/node-websocket-client';
import { processesMentioning } from '../../support/processes';
import { SshServer, sshdAvailable } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';
import type { RpcClient } from '../../../shared/rpc/client';
import { environmentInput, startRunHost, waitFor } from './host-fixture';

/**
 * Issue 14, part 5: a run's shell ends with the run. After finish, abort, and a host killed with
 * SIGKILL then started again, no `ssh` process of the data folder is left (the master, which
 * ControlPersist keeps for 10 minutes, included), the sshd serves no connection, and every
 * terminal session has ended_at.
 */
const available = sshdAvailable();

const runbook = `---
title: "One step"
---

# One step

## Only

### Say hello {#hello kind=command}

\`\`\`bash run
echo hello-from-the-control-host
\`\`\`
`;

async function startSshRun(
  client: RpcClient,
  server: SshServer,
): Promise<{ id: string; terminalId: string }> {
  const environment = await client.call('environments.create', {
    environment: environmentInput({
      name: `ssh ${Math.random().toString(36).slice(2, 8)}`,
      controlHost: { kind: 'ssh', profile: { host: server.alias, configFile: server.clientConfig } },
    }),
  });
  const created = await client.call('runbooks.create', { title: 'One step', source: runbook });
  const { run } = await client.call('runs.start', {
    runbookId: created.id,
    revision: created.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada',
  });
  const { terminalId } = await client.call('runs.openTerminal', { id: run.id });
  await waitFor(
    async () =>
      (await client.call('terminals.list', {})).find((t) => t.id === terminalId)?.integration === 'active',
    'the run terminal shell integration',
  );
  await client.call('runs.runStep', { id: run.id, stepKey: 'hello' });
  await waitFor(
    async () =>
      (await client.call('runs.get', { id: run.id })).steps.find((step) => step.key === 'hello')?.status ===
      'succeeded',
    'the step to pass',
  );
  return { id: run.id, terminalId };
}

function openSessions(dataDir: string): number {
  const db = openDatabase(join(dataDir, 'handrail.db'));
  try {
    return (
      db.prepare('SELECT COUNT(*) AS n FROM terminal_sessions WHERE ended_at IS NULL').get() as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

describe.skipIf(!available)('a run’s shell ends with the run, over a real sshd', () => {
  const server = new SshServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  const sshOf = (dataDir: string) => processesMentioning(join(dataDir, 'ssh', 'cm-'));
  const noneLeft = async (dataDir: string) => {
    await waitFor(
      () => sshOf(dataDir).length === 0 && server.connectionCount() === 0,
      'no ssh process of the run',
    );
    expect(sshOf(dataDir)).toEqual([]);
  };

  test.each(['finish', 'abort'] as const)('after %s', async (how) => {
    const fixture = startRunHost();
    try {
      const { client } = fixture;
      const { id, terminalId } = await startSshRun(client, server);
      expect(sshOf(fixture.dataDir).length).toBeGreaterThan(0);
      if (how === 'finish') await client.call('runs.finish', { id });
      else await client.call('runs.abort', { id, reason: 'the window was cancelled' });
      await noneLeft(fixture.dataDir);
      expect((await client.call('terminals.list', {})).map((terminal) => terminal.id)).not.toContain(
        terminalId,
      );
      expect(
        fixture.host.db.prepare('SELECT ended_at FROM terminal_sessions WHERE id = ?').get(terminalId),
      ).toEqual({
        ended_at: expect.any(String),
      });
      expect((await client.call('runs.get', { id })).run.terminalId).toBeNull();
    } finally {
      fixture.close();
    }
  });

  test('after the host is killed (SIGKILL) and started again', async () => {
    const dir = makeTempDir('handrail-sigkill-');
    const env = { HANDRAIL_DATA_DIR: dir.path };
    try {
      let serve = await startServe(['dist/host/serve.js', '--port', '0'], env);
      const client = await connectWebSocketClient(serve.origin, serve.token);
      await startSshRun(client, server);
      client.close();
      serve.child.kill('SIGKILL');
      await new Promise((resolve) => serve.child.once('exit', resolve));
      // The killed host's master is still logged in: ControlPersist keeps it.
      await waitFor(() => sshOf(dir.path).some((p) => p.commandLine.includes('[mux]')), 'the orphan master');
      expect(server.connectionCount()).toBeGreaterThan(0);
      expect(openSessions(dir.path)).toBe(1);

      serve = await startServe(['dist/host/serve.js', '--port', '0'], env);
      try {
        await noneLeft(dir.path);
        expect(openSessions(dir.path)).toBe(0);
      } finally {
        await serve.stop();
      }
    } finally {
      dir.remove();
    }
  });
});
