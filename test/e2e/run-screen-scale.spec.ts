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

/**
 * Issue 16, "the screen gets what it shows": the open holds only the rows around the current
 * step; scrolling pages the others in, a step far from the current one opens in full, and a
 * change to a row the screen does not hold still moves the counts and shows when it comes.
 */
test('a long run pages its rows in as the list scrolls and opens a step far from the current one', async ({
  app,
  handrail,
}) => {
  test.setTimeout(120_000);
  const runbook = await handrail.rpc.call('runbooks.create', {
    title: 'Five thousand steps, paged',
    source: listRunbook(50, 100),
  });
  const environment = await handrail.rpc.call('environments.create', {
    environment: { name: 'paging-lab', kind: 'training', colour: '#2b6cb0', controlHost: { kind: 'local' } },
  });
  const { run } = await handrail.rpc.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: 'practice',
    operator: 'Ada Operator',
  });
  const opened = await handrail.rpc.call('runs.open', { id: run.id });
  expect(opened.statuses).toHaveLength(5_000);
  expect(opened.pages.flatMap((page) => page.steps).length).toBeLessThan(200);

  await app.evaluate((id) => (window.location.hash = `#/runs/${id}`), run.id);
  const screen = new RunScreenPage(app);
  await screen.expectSelected('s-1-1');
  await expect(screen.panel).toContainText('Step 1.1');

  // Another client marks a step done far past the rows the screen holds: the count moves now.
  await handrail.rpc.call('runs.markDone', { id: run.id, stepKey: 's-40-7' });
  await expect.poll(async () => (await screen.tally()).join(' ')).toContain('1 of 5000 steps done');

  // Scroll far down: the rows come a page at a time; open a step there, far from the current one.
  await screen.select('s-30-50');
  await expect(screen.panel).toContainText('Step 30.50');
  await screen.press('j');
  await screen.expectSelected('s-30-51');
  await expect(screen.panel).toContainText('Step 30.51');
  // The step marked by the other client shows done when its row comes into view.
  await screen.expectStatus('s-40-7', 'succeeded');
  expect(await screen.list.locator('.step-row').count()).toBeLessThan(100);
});
