import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../../../electron/host/host';
import { DataDirInUseError, lockDataDir } from '../../../electron/host/store/data-dir-lock';
import type { RpcClient } from '../../../shared/rpc/client';
import { repoRoot, startServe, type RunningServe } from '../../support/built-app';
import { connectWebSocketClient } from '../../support/node-websocket-client';
import { makeTempDir } from '../../support/temp-dir';
import { environmentInput, waitFor } from '../run/host-fixture';

/**
 * Issue 18: one host per data folder. Real processes from the built bundles on a real folder:
 * the lock is SQLite's, held by the operating system for the holding process.
 */

function cli(args: string[], dataDir: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['dist/host/cli.js', ...args], {
    cwd: repoRoot,
    env: { ...process.env, HANDRAIL_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts serve and resolves with its exit code and output, for a start that is meant to fail. */
function failedStart(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['dist/host/serve.js', '--data-dir', dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

const sleepyRunbook = `---
title: Slow step
---

# Slow step

## Work {window=inside}

### Wait a while {#wait kind=command}

\`\`\`bash run
sleep 4; echo finished-after-sleep
\`\`\`
`;

describe('one host per data folder', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('refuses a second lock in the same process, naming the holder, and takes it again once released', () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    const lock = lockDataDir(dir.path, 'a test');
    expect(() => lockDataDir(dir.path, 'another test')).toThrow(
      new RegExp(`already open by process ${process.pid} \\(a test, since `),
    );
    expect(() => createHost({ dataDir: dir.path, version: 'test' })).toThrow(DataDirInUseError);
    lock.release();
    const host = createHost({ dataDir: dir.path, version: 'test' });
    host.close();
  });

  it('a second serve and a CLI write are refused with the first PID; reads work beside it; its run goes on', async () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    const first: RunningServe = await startServe(['dist/host/serve.js', '--data-dir', dir.path]);
    cleanups.push(() => first.stop());
    const client: RpcClient = await connectWebSocketClient(first.origin, first.token);
    cleanups.push(() => client.close());

    // A run with a command in flight on the first host.
    const environment = await client.call('environments.create', { environment: environmentInput() });
    const runbook = await client.call('runbooks.create', { title: 'Slow step', source: sleepyRunbook });
    const started = await client.call('runs.start', {
      runbookId: runbook.id,
      revision: runbook.revision,
      environmentId: environment.id,
      mode: 'live',
      operator: 'Ada',
    });
    const runId = started.run.id;
    await client.call('runs.openTerminal', { id: runId });
    await client.call('runs.runStep', { id: runId, stepKey: 'wait' });
    const before = await client.call('runs.events', { id: runId, afterSeq: -1, limit: 1000 });

    const pid = first.child.pid as number;
    const second = await failedStart(dir.path);
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(`is already open by process ${pid} (handrail serve, since `);

    const guide = join(dir.path, 'guide.md');
    writeFileSync(guide, '# Guide\n\n## Step\n\n```bash\nls\n```\n');
    const write = cli(['import', guide], dir.path);
    expect(write.status).not.toBe(0);
    expect(write.stderr).toContain(`already open by process ${pid}`);
    const libraryWrite = cli(['library', 'import', dir.path], dir.path);
    expect(libraryWrite.stderr).toContain(`already open by process ${pid}`);

    // Reads work beside it, and change nothing.
    const runs = cli(['runs'], dir.path);
    expect(runs.status).toBe(0);
    expect(runs.stdout).toContain(runId);
    expect(cli(['export', runbook.id], dir.path).stdout).toContain('sleep 4; echo finished-after-sleep');
    const report = cli(['report', runId, '--format', 'json'], dir.path);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain(runId);

    // The first host's run was not touched: the command ends and succeeds, and the log holds.
    const after = await client.call('runs.events', { id: runId, afterSeq: -1, limit: 1000 });
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((event) => event.type)).not.toContain('command.lost');
    await waitFor(
      async () =>
        (await client.call('runs.get', { id: runId })).steps.find((step) => step.key === 'wait')?.status ===
        'succeeded',
      'the slow step to succeed on the first host',
      30_000,
    );
    expect((await client.call('runs.verify', { id: runId })).valid).toBe(true);
  }, 120_000);

  it('a host killed with SIGKILL leaves no lock behind: the next start opens the folder', async () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    const killed = await startServe(['dist/host/serve.js', '--data-dir', dir.path]);
    const exited = new Promise((resolve) => killed.child.once('exit', resolve));
    killed.child.kill('SIGKILL');
    await exited;
    const next = await startServe(['dist/host/serve.js', '--data-dir', dir.path]);
    cleanups.push(() => next.stop());
    const client = await connectWebSocketClient(next.origin, next.token);
    expect(await client.call('app.ping', {})).toEqual({ pong: true });
    client.close();
  });
});
