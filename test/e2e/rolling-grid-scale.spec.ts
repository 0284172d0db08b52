import { expect, test } from './fixtures';
import { RollingGridPage } from './pages/rolling-grid-page';
import { rollingRunbook } from '../support/scale-runbooks';

test('a rolling step over 500 hosts × 10 sub-steps renders only the grid rows in view', async ({
  app,
  handrail,
}) => {
  test.setTimeout(120_000);
  const runbook = await handrail.rpc.call('runbooks.create', {
    title: 'Five hundred hosts',
    source: rollingRunbook(10),
  });
  const environment = await handrail.rpc.call('environments.create', {
    environment: { name: 'fleet-scale', kind: 'training', colour: '#2b6cb0', controlHost: { kind: 'local' } },
  });
  await handrail.rpc.call('inventories.save', {
    environmentId: environment.id,
    text: '[compute]\ncmp-[001:500]\n',
    source: { kind: 'pasted' },
  });
  const { run, steps } = await handrail.rpc.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: 'practice',
    operator: 'Ada Operator',
  });
  expect(steps).toHaveLength(1 + 5_000);
  await app.evaluate((id) => (window.location.hash = `#/runs/${id}`), run.id);

  const grid = new RollingGridPage(app);
  await expect(grid.grid).toBeVisible();
  await expect(grid.count('remaining')).toHaveText('500 remaining');
  const rows = grid.grid.locator('[data-host]');
  expect(await rows.count()).toBeLessThan(60);
  await expect(grid.host('cmp-001')).toBeVisible();

  // The last host is reached by scrolling; still only a window of rows is in the page.
  await grid.grid.locator('.rolling-grid-body').evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  await expect(grid.host('cmp-500')).toBeVisible();
  expect(await rows.count()).toBeLessThan(60);
  await expect(grid.host('cmp-001')).toHaveCount(0);

  // A cell opens its host step; marking it done updates that one cell.
  await grid.action('Start batch 1 of 20');
  await grid.grid.locator('.rolling-grid-body').evaluate((element) => {
    element.scrollTop = 0;
  });
  await grid.cell('roll', 'cmp-001', 'check-1').click();
  await expect(app.getByTestId('step-panel')).toContainText('Check 1 · cmp-001');
  await app.getByRole('toolbar', { name: 'Step actions' }).getByRole('button', { name: 'Mark done' }).click();
  await grid.expectCell('roll', 'cmp-001', 'check-1', 'succeeded');
  await expect(grid.host('cmp-001')).toHaveAttribute('data-drained', 'true');
});
