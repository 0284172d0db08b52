import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { RollingGridPage } from './pages/rolling-grid-page';
import { RunScreenPage } from './pages/run-screen-page';
import { StartRunPage } from './pages/start-run-page';
import { doStep, statusOf, steps } from './sandbox-steps';

// Issue 21 item 6: the README's pictures, made from the practice sandbox (docs/sandbox.md).
// `npm run screenshots` writes them into docs/images; in the suite they go to the test's output
// folder, so the screens they show are exercised on every run.
test.use({ practiceSandbox: true });

const kayobe = 'StackHPC Kayobe OpenStack upgrade';
const size = { width: 1366, height: 768 };

test('the README pictures: the run screen, the rolling grid, a report page', async ({
  app,
  handrail,
}, testInfo) => {
  test.setTimeout(180_000);
  const target = process.env.HANDRAIL_README_SCREENSHOTS;
  const folder = target === undefined ? testInfo.outputPath() : join(process.cwd(), target);
  mkdirSync(folder, { recursive: true });
  // PNG: flat UI colours compress well, and the text stays sharp at 1366×768.
  const shoot = (name: string) => app.screenshot({ path: join(folder, `${name}.png`) });
  await app.setViewportSize(size);
  const { rpc } = handrail;

  // First start imports the templates as the host starts: the library lists them once it has.
  await expect(app.getByRole('button', { name: new RegExp(kayobe) })).toBeVisible();
  const wizard = new StartRunPage(app);
  await wizard.open();
  await wizard.choose({
    runbook: kayobe,
    environment: 'Sandbox',
    operator: 'Tess Trainee',
    variables: { vault_password_file: join(handrail.dataDir, 'sandbox', 'home', 'vault-password') },
  });
  await wizard.start();
  const screen = new RunScreenPage(app);
  await screen.waitForTerminal();
  const id = new URL(app.url()).hash.split('/').at(-1) ?? '';

  // Up to the image pull, run on screen so its output is in the terminal.
  for (const step of (await steps(rpc, id)).filter((each) => !each.key.includes('@'))) {
    if (step.key === 'pull-images') {
      await screen.select(step.key);
      await screen.action('Run');
      await screen.expectStatus(step.key, 'succeeded', 30_000);
      break;
    }
    await doStep(rpc, id, step);
  }
  // The screen follows the run to its next step; the picture shows the pull and its output.
  await screen.select('pull-images');
  await expect(screen.panel.getByTestId('step-exit')).toHaveText('exit 0');
  await shoot('run-screen');

  // The controllers' rolling step, its first batch done.
  for (const step of (await steps(rpc, id)).filter((each) => !each.key.includes('@'))) {
    if (step.status !== 'pending') continue;
    if (step.key === 'controllers-packages') break;
    await doStep(rpc, id, step);
  }
  await screen.select('controllers-packages');
  const grid = new RollingGridPage(app);
  await expect(grid.grid).toBeVisible();
  await grid.action('Start batch 1 of 3');
  await expect
    .poll(() => statusOf(rpc, id, 'controllers-packages@controller1/controller-reboot'), { timeout: 30_000 })
    .toBe('succeeded');
  await shoot('rolling-grid');

  // A report page: the HTML report of the run so far, as a reader opens it.
  const report = await rpc.call('reports.export', { runId: id, format: 'html' });
  await app.setContent(report.content);
  await expect(app.getByRole('heading', { level: 1 })).toContainText(kayobe);
  await shoot('report');
});
