import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { doStep, statusOf, steps } from './sandbox-steps';
import { EnvironmentsPage } from './pages/environments-page';
import { RollingGridPage } from './pages/rolling-grid-page';
import { RunScreenPage } from './pages/run-screen-page';
import { StartRunPage } from './pages/start-run-page';

// Issue 21 item 3: a fresh data folder, the practice sandbox (docs/sandbox.md), no SSH at all.
// The fixture starts the host with HANDRAIL_SANDBOX_SPEED=0, so the stand-ins do not pause.
test.use({ practiceSandbox: true });

const kayobe = 'StackHPC Kayobe OpenStack upgrade';
const templates = [
  'Compute host reboot with live migration',
  kayobe,
  'OpenStack service upgrade order',
  'SCS/OSISM upgrade sequence',
  'Security update of one service',
];

test('from a fresh data folder, the Kayobe template runs start to finish in the Sandbox', async ({
  app,
  handrail,
}) => {
  test.setTimeout(240_000);
  const { rpc } = handrail;
  const home = join(handrail.dataDir, 'sandbox', 'home');

  // The library lists the bundled templates at once; nothing waits behind "From template…".
  for (const title of templates)
    await expect(app.getByRole('button', { name: new RegExp(title) })).toBeVisible();
  await expect(app.getByTestId('library-empty')).toHaveCount(0);

  // The Sandbox is there, a training environment whose control host is the sandbox shell.
  const environments = new EnvironmentsPage(app);
  await environments.open();
  await expect(environments.item('Sandbox')).toBeVisible();
  const sandbox = (await rpc.call('environments.list', {})).find(
    (environment) => environment.name === 'Sandbox',
  );
  expect(sandbox).toMatchObject({ kind: 'training', controlHost: { kind: 'local', sandbox: true } });
  expect((await rpc.call('inventories.get', { environmentId: sandbox?.id ?? '' }))?.inventory).toBeTruthy();

  // A practice run (the wizard's choice for a training environment); the one secret is typed.
  const wizard = new StartRunPage(app);
  await wizard.open();
  await wizard.choose({
    runbook: kayobe,
    environment: 'Sandbox',
    operator: 'Tess Trainee',
    variables: { vault_password_file: join(home, 'vault-password') },
  });
  await wizard.start();
  await expect(app.getByText(/PRACTICE RUN · Sandbox \(training\)/)).toBeVisible();
  const screen = new RunScreenPage(app);
  await screen.waitForTerminal();
  const id = new URL(app.url()).hash.split('/').at(-1) ?? '';

  // The image pull fails once on demand (~/fail-once); it is retried on screen and passes.
  writeFileSync(join(home, 'fail-once'), 'kayobe:overcloud container image pull\n');
  const grid = new RollingGridPage(app);
  for (const step of (await steps(rpc, id)).filter((each) => !each.key.includes('@'))) {
    if (step.key === 'pull-images') {
      await screen.select(step.key);
      await screen.action('Run');
      await screen.expectStatus(step.key, 'failed', 30_000);
      await expect(screen.panel).toContainText('failed=1');
      await screen.action('Retry');
      await screen.submitDialog({}, 'Run again');
      await screen.expectStatus(step.key, 'succeeded', 30_000);
      expect(readFileSync(join(home, 'fail-once'), 'utf8')).toBe('');
    } else if (step.key === 'controllers-packages') {
      // One controller at a time over the sandbox inventory, the VIP holder (controller0) last.
      await screen.select(step.key);
      await expect(grid.grid).toBeVisible();
      expect(await grid.hostOrder()).toEqual(['controller1', 'controller2', 'controller0']);
      for (const [index, host] of ['controller1', 'controller2', 'controller0'].entries()) {
        await grid.action(`Start batch ${index + 1} of 3`);
        const verify = `${step.key}@${host}/controller-verify`;
        await expect
          .poll(() => statusOf(rpc, id, `${step.key}@${host}/controller-reboot`), { timeout: 30_000 })
          .toBe('succeeded');
        await rpc.call('runs.markDone', { id, stepKey: verify, evidence: `${host}: services healthy` });
        await expect.poll(() => statusOf(rpc, id, verify), { timeout: 30_000 }).toBe('succeeded');
        if (index < 2) await grid.expectCell(step.key, host, 'controller-update', 'succeeded');
      }
      await screen.expectStatus(step.key, 'succeeded', 30_000);
    } else if (step.kind === 'rolling') {
      // The hypervisors: one batch of five, sent by the engine sub-step by sub-step.
      await rpc.call('runs.runStep', { id, stepKey: step.key });
      await expect.poll(() => statusOf(rpc, id, step.key), { timeout: 60_000 }).toBe('succeeded');
    } else {
      await doStep(rpc, id, step);
    }
    expect(await statusOf(rpc, id, step.key), step.key).toBe('succeeded');
  }

  await screen.finishRun();
  await expect(app.getByTestId('run-status')).toHaveText('completed');
  // The sandbox terminal ran the stand-ins, not anything of this machine's.
  const events = await rpc.call('runs.events', { id, limit: 10_000 });
  expect(events.filter((event) => event.type === 'step.retried')).toHaveLength(1);
  expect(await rpc.call('runs.verify', { id })).toMatchObject({ valid: true });
});
