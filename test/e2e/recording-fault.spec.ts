import { rmSync } from 'node:fs';
import { startServe, type RunningServe } from '../support/built-app';
import { connectWebSocketClient } from '../support/node-websocket-client';
import { fillUpTo, mountSmallFilesystem } from '../support/small-filesystem';
import { makeTempDir } from '../support/temp-dir';
import { expect, test } from './fixtures';
import { RunScreenPage } from './pages/run-screen-page';

const runbook = `---
title: "Flood on a full disk"
---

# Flood on a full disk

## Steps

### Flood {#flood kind=command}

\`\`\`bash run
head -c 2000000 /dev/zero | tr '\\0' y; echo; echo flood-done
\`\`\`
`;

/**
 * Issue 18, "faults are said", on the screen: the data folder on a small tmpfs that is full while
 * a step floods its terminal. The run screen says the output is not recorded; once space is freed
 * the step's outcome is recorded (it does not stay running) and the fault is gone.
 */
test('the run screen says the recording fault of a full disk, and the step leaves running', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = makeTempDir('handrail-e2e-diskfull-');
  const dataDir = `${dir.path}/data`;
  const mount = mountSmallFilesystem(dataDir, 48 * 1024 * 1024);
  test.skip(mount.reason !== undefined, mount.reason);
  let serve: RunningServe | undefined;
  try {
    serve = await startServe(['dist/host/serve.js', '--port', '0'], { HANDRAIL_DATA_DIR: dataDir });
    const rpc = await connectWebSocketClient(serve.origin, serve.token);
    const created = await rpc.call('runbooks.create', { title: 'Flood on a full disk', source: runbook });
    const environment = await rpc.call('environments.create', {
      environment: { name: 'lab-diskfull', kind: 'test', colour: '#2f855a', controlHost: { kind: 'local' } },
    });
    const { run } = await rpc.call('runs.start', {
      runbookId: created.id,
      revision: created.revision,
      environmentId: environment.id,
      mode: 'live',
      operator: 'Ada Operator',
    });
    await page.goto(`${serve.url}#/runs/${run.id}`);
    const screen = new RunScreenPage(page);
    await screen.waitForTerminal();

    // Room for the step's start to be committed (a few WAL frames of 4 KiB each; with 32 KiB
    // the start itself was sometimes refused, depending on what the shell had written just
    // before), not for the flood's 2 MB of output.
    const filler = fillUpTo(dataDir, 256 * 1024);
    await rpc.call('runs.runStep', { id: run.id, stepKey: 'flood' });
    const faults = page.getByTestId('recording-faults');
    await expect(faults).toContainText('Not recorded:', { timeout: 30_000 });
    await expect(faults).toContainText('free space where the data folder is');

    rmSync(filler);
    await screen.expectStatus('flood', 'succeeded', 30_000);
    await expect(faults).toBeHidden({ timeout: 30_000 });
    rpc.close();
  } finally {
    await serve?.stop();
    mount.unmount();
    dir.remove();
  }
});
