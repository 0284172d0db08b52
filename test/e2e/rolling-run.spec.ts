import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SshServer, sshdAvailable } from '../support/sshd';
import { addStandInHost, writeStandIns } from '../support/stand-in-tools';
import { expect, test } from './fixtures';
import { EnvironmentsPage } from './pages/environments-page';
import { RollingGridPage } from './pages/rolling-grid-page';
import { RunScreenPage } from './pages/run-screen-page';
import { StartRunPage } from './pages/start-run-page';

const title = 'Rolling package update';
const inventory = ['[web]', 'web-1', 'web-2 vip_holder=true', 'web-[3:6]', ''].join('\n');

/** Six web hosts in batches of 2, the VIP holder last; sub-steps call the `fleet` stand-in. */
const runbook = `---
title: "${title}"
---

# ${title}

## Hosts {window=inside}

### Update the web hosts {#roll kind=rolling group=web order=batches batch=2 vip-last drain-cap=2}

#### Drain {#drain kind=command drains}

\`\`\`bash run
fleet drain {{host}}
\`\`\`

#### Update packages {#update kind=command}

\`\`\`bash run
fleet update {{host}}
\`\`\`

#### Enable {#enable kind=command restores}

\`\`\`bash run
fleet enable {{host}}
\`\`\`
`;

/**
 * A stand-in for a fleet tool on the control host: `update` waits while `<state>/hold-<host>`
 * exists, and fails once (consuming `<state>/fail-<host>`) when that exists.
 */
const fleet = `#!/bin/sh
state="$(dirname "$0")/../state"
mkdir -p "$state"
case "$1" in
  update)
    while [ -e "$state/hold-$2" ]; do sleep 0.1; done
    if [ -e "$state/fail-$2" ]; then
      rm -f "$state/fail-$2"
      echo "fleet: package update failed on $2" >&2
      exit 1
    fi ;;
esac
echo "fleet $1 $2: done"
`;

test.describe('a rolling update over SSH with the host × sub-step grid', () => {
  test.skip(!sshdAvailable(), 'needs sshd (see the message above)');
  let server: SshServer;
  let controlHost = '';
  let state = '';
  test.beforeAll(async () => {
    server = new SshServer();
    await server.start();
    const bin = writeStandIns(server.dir);
    writeFileSync(join(bin, 'fleet'), fleet);
    chmodSync(join(bin, 'fleet'), 0o755);
    state = join(server.dir, 'state');
    mkdirSync(state, { recursive: true });
    controlHost = addStandInHost(server, bin);
  });
  test.afterAll(() => server?.stop());

  test('6 hosts, batches of 2, VIP holder last: a failure retried, a host skipped, a reload mid-batch', async ({
    app,
    handrail,
  }) => {
    test.setTimeout(240_000);
    await handrail.rpc.call('runbooks.create', { title, source: runbook });

    // The environment and its inventory, reviewed before it is saved.
    const environments = new EnvironmentsPage(app);
    await environments.open();
    await environments.create({
      name: 'fleet-e2e',
      kind: 'test',
      ssh: { host: controlHost, configFile: server.clientConfig },
    });
    const editor = app.getByRole('region', { name: 'Inventory' });
    await editor.getByLabel('Inventory text').fill(inventory);
    await editor.getByLabel('Inventory file name').fill('hosts.ini');
    await editor.getByRole('button', { name: 'Preview inventory' }).click();
    const review = editor.getByTestId('inventory-review');
    await expect(review).toContainText('6 hosts');
    await expect(
      review.getByRole('table', { name: 'Inventory hosts' }).locator('[data-host="web-2"]'),
    ).toContainText('vip_holder=true');
    await editor.getByRole('button', { name: 'Save inventory' }).click();
    await expect(editor.getByTestId('saved-inventory')).toContainText('hosts.ini (ini), 6 hosts');

    const wizard = new StartRunPage(app);
    await wizard.open();
    await wizard.choose({ runbook: title, environment: 'fleet-e2e', operator: 'Ada Operator' });
    await wizard.start();
    const screen = new RunScreenPage(app);
    await screen.waitForTerminal();
    const grid = new RollingGridPage(app);
    await expect(grid.grid).toBeVisible();
    // Execution order: batches of 2 in inventory order, the VIP holder (web-2) alone at the end.
    expect(await grid.hostOrder()).toEqual(['web-1', 'web-3', 'web-4', 'web-5', 'web-6', 'web-2']);
    await expect(grid.count('remaining')).toHaveText('6 remaining');

    // Batch 1: web-3's update fails once; the rolling step stops; the sub-step is retried and passes.
    writeFileSync(join(state, 'fail-web-3'), '');
    await grid.action('Start batch 1 of 4');
    await expect(grid.batch(1)).toHaveAttribute('data-batch-state', 'in progress');
    await grid.expectCell('roll', 'web-3', 'update', 'failed');
    await expect(grid.cell('roll', 'web-3', 'update')).toContainText('exit 1');
    await expect(grid.cell('roll', 'web-1', 'enable')).toHaveAttribute('data-status', 'pending');
    await expect(grid.host('web-3')).toHaveAttribute('data-host-state', 'failed');
    await expect(app.getByTestId('out-of-service')).toContainText('web-1, web-3');
    await grid.cell('roll', 'web-3', 'update').click();
    await expect(screen.panel).toHaveAttribute('data-status', 'failed');
    await screen.action('Retry');
    await screen.submitDialog({}, 'Run again');
    await grid.expectCell('roll', 'web-3', 'enable', 'succeeded');
    await expect(grid.batch(1)).toHaveAttribute('data-batch-state', 'finished');
    await expect(grid.host('web-3')).toHaveAttribute('data-host-state', 'updated');
    await expect(grid.count('updated')).toHaveText('2 updated');

    // web-4 is skipped with a reason; it stays shown as not updated.
    await grid.action('Skip host…');
    await screen.submitDialog({ Host: 'web-4', Reason: 'hardware ticket 4711' }, 'Skip host');
    await expect(grid.host('web-4')).toHaveAttribute('data-host-state', 'skipped');
    await expect(grid.host('web-4')).toContainText('skipped: not updated');

    // Batch 2: web-5's update is held; the page is reloaded mid-batch and the batch goes on.
    writeFileSync(join(state, 'hold-web-5'), '');
    await grid.action('Start batch 2 of 4');
    await grid.expectCell('roll', 'web-5', 'update', 'running');
    await app.reload();
    await expect(grid.grid).toBeVisible();
    await expect(grid.cell('roll', 'web-5', 'update')).toHaveAttribute('data-status', 'running');
    await expect(grid.host('web-5')).toHaveAttribute('data-current', 'true');
    await expect(grid.host('web-5')).toHaveClass(/current-batch/);
    rmSync(join(state, 'hold-web-5'));
    await grid.expectCell('roll', 'web-5', 'enable', 'succeeded');
    await expect(grid.batch(2)).toHaveAttribute('data-batch-state', 'finished');

    await grid.action('Start batch 3 of 4');
    await grid.expectCell('roll', 'web-6', 'enable', 'succeeded');
    await expect(grid.batch(3)).toHaveAttribute('data-batch-state', 'finished');
    await grid.action('Start batch 4 of 4');
    await grid.expectCell('roll', 'web-2', 'enable', 'succeeded');

    // The final state: five hosts updated, web-4 skipped, nothing out of service, the step passed.
    await screen.expectStatus('roll', 'succeeded');
    await expect(grid.count('updated')).toHaveText('5 updated');
    await expect(grid.count('skipped')).toHaveText('1 skipped');
    await expect(grid.count('failed')).toHaveText('0 failed');
    await expect(grid.count('remaining')).toHaveText('0 remaining');
    await expect(app.getByTestId('out-of-service')).toHaveCount(0);
    for (const host of ['web-1', 'web-3', 'web-5', 'web-6', 'web-2'])
      await expect(grid.host(host)).toHaveAttribute('data-host-state', 'updated');
    await expect(grid.cell('roll', 'web-4', 'update')).toHaveAttribute('data-status', 'skipped');
    await expect(grid.cell('roll', 'web-2', 'update')).toContainText('exit 0');
    expect(existsSync(join(state, 'fail-web-3'))).toBe(false);

    const runId = new URL(app.url()).hash.split('/').at(-1) ?? '';
    const events = await handrail.rpc.call('runs.events', { id: runId, limit: 10_000 });
    expect(
      events.filter((event) => event.type === 'rolling.batchStarted').map((event) => event.payload),
    ).toEqual([
      { batch: 0, hosts: ['web-1', 'web-3'] },
      { batch: 1, hosts: ['web-4', 'web-5'] },
      { batch: 2, hosts: ['web-6'] },
      { batch: 3, hosts: ['web-2'] },
    ]);
    expect(await handrail.rpc.call('runs.verify', { id: runId })).toMatchObject({ valid: true });
  });
});
