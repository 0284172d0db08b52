import { startServe, type RunningServe } from '../support/built-app';
import { connectWebSocketClient } from '../support/node-websocket-client';
import { makeTempDir } from '../support/temp-dir';
import { expect, test } from './fixtures';
import { RunScreenPage } from './pages/run-screen-page';

const title = 'Rotate the service token';
const runbook = `---
title: "${title}"
variables:
  - name: "service_token"
    description: "The token the service uses"
    secret: true
---

# ${title}

## Rotation {window=inside}

### Push the new token {#push-token kind=command estimate=1m}

\`\`\`bash run expect-exit=0
sleep 120; echo "{{service_token}}" > /dev/null
\`\`\`
`;

test('after the host is killed mid-command the step is outcome-unknown and secrets are asked again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = makeTempDir('handrail-e2e-recovery-');
  const env = { HANDRAIL_DATA_DIR: dir.path };
  let serve: RunningServe | undefined = await startServe(['dist/host/serve.js', '--port', '0'], env);
  try {
    const rpc = await connectWebSocketClient(serve.origin, serve.token);
    const created = await rpc.call('runbooks.create', { title, source: runbook });
    const environment = await rpc.call('environments.create', {
      environment: { name: 'lab-recovery', kind: 'test', colour: '#2f855a', controlHost: { kind: 'local' } },
    });
    const { run } = await rpc.call('runs.start', {
      runbookId: created.id,
      revision: created.revision,
      environmentId: environment.id,
      mode: 'live',
      operator: 'Ada Operator',
      secrets: { service_token: 'tok-9f2c51' },
    });
    const { terminalId } = await rpc.call('runs.openTerminal', { id: run.id });
    await expect
      .poll(
        async () =>
          (await rpc.call('terminals.list', {})).find((item) => item.id === terminalId)?.integration,
        {
          timeout: 30_000,
        },
      )
      .toBe('active');
    const started = await rpc.call('runs.runStep', { id: run.id, stepKey: 'push-token' });
    expect(started.steps[0]?.status).toBe('running');
    rpc.close();

    // The app dies while the command runs; a new host opens the same data folder.
    serve.child.kill('SIGKILL');
    await new Promise((resolve) => serve?.child.once('exit', resolve));
    serve = await startServe(['dist/host/serve.js', '--port', '0'], env);
    await page.goto(`${serve.url}#/runs/${run.id}`);

    const screen = new RunScreenPage(page);
    await screen.expectStatus('push-token', 'unknown');
    await screen.select('push-token');
    await expect(screen.panel.getByRole('alert').first()).toContainText('Outcome unknown: verify');
    const prompt = page.getByRole('form', { name: 'Secrets needed' });
    await expect(prompt).toBeVisible();
    await prompt.getByLabel('service_token').fill('tok-9f2c51');
    await prompt.getByRole('button', { name: 'Supply secrets' }).click();
    await expect(prompt).toBeHidden();

    // The operator verified by hand: marked done with what they saw.
    await screen.action('Mark done');
    await screen.submitDialog(
      { 'Evidence (what you checked, pasted output)': 'the service answers with the new token' },
      'Mark done',
    );
    await screen.expectStatus('push-token', 'succeeded');
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('outcome unknown');
    await expect(page.locator('body')).not.toContainText('tok-9f2c51');
  } finally {
    await serve?.stop();
    dir.remove();
  }
});
