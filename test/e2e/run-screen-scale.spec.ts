import { expect, test } from './fixtures';
import { RunScreenPage } from './pages/run-screen-page';
import { listRunbook } from '../support/scale-runbooks';

test('a run of 5,000 steps renders only the rows in view and navigates by key', async ({ app, handrail }) => {
  test.setTimeout(120_000);
  const runbook = await handrail.rpc.call('runbooks.create', {
    title: 'Five thousand steps',
    // 50 phases of 100 instructions: a runbook far longer than any real one.
    source: listRunbook(50, 100),
  });
  const environment = await handrail.rpc.call('environments.create', {
    environment: { name: 'scale-lab', kind: 'training', colour: '#2b6cb0', controlHost: { kind: 'local' } },
  });
  const { run, steps } = await handrail.rpc.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: 'practice',
    operator: 'Ada Operator',
  });
  expect(steps).toHaveLength(5_000);
  await app.evaluate((id) => (window.location.hash = `#/runs/${id}`), run.id);

  const screen = new RunScreenPage(app);
  await screen.expectSelected('s-1-1');
  const rendered = screen.list.locator('.step-row');
  expect(await rendered.count()).toBeLessThan(100);

  // Past the first screenful: the list scrolls to keep the selected step in view.
  for (let press = 0; press < 25; press += 1) await screen.press('j');
  await screen.expectSelected('s-1-26');
  await expect(screen.panel).toContainText('Step 1.26');
  await expect(screen.list.locator('[aria-selected="true"]')).toBeInViewport();

  // The last step is reached by scrolling; still only a window of rows is in the page.
  await screen.select('s-50-100');
  await expect(screen.panel).toContainText('Step 50.100');
  expect(await rendered.count()).toBeLessThan(100);
  await screen.press('k');
  await screen.expectSelected('s-50-99');
});
