import type { Page } from 'playwright-core';
import type { RpcClient } from '../../shared/rpc/client';
import { connectWebSocketClient } from '../support/node-websocket-client';
import { launchChromium, openApp } from './app-terminals';
import { compared, measure, type Benchmark, type Figure, type Sample } from './harness';
import { untilInPage, type ScreenProbe } from './page-timing';
import { listRunbook, rollingRunbook, stepKeysOf } from '../support/scale-runbooks';

/**
 * runbook-scale: the operator's screen on a run far larger than any real one, against the same
 * actions on a 50-step run in the same page of the same Chromium.
 *
 * - Step list: a runbook of 5,000 instruction steps vs one of 50: open the run (from the runs list
 *   to the selected step's panel painted), move to the next step (`j`), mark a step done (`d`, so a
 *   round trip to the host and a SQLite commit before the row turns done), scroll the list to its
 *   end.
 * - Rolling grid: a rolling step over 500 hosts × 10 sub-steps vs 50 hosts × 1 sub-step (the same
 *   50 host steps as the baseline, one row per host so its grid can scroll too): open the run,
 *   mark a host step done (`d` on its cell), scroll the grid to its last host.
 * - The host alone (the RPC the screen makes, over the same WebSocket): `runs.get` and
 *   `runs.markDone`, same pairs.
 *
 * Times are taken in the page, from just before the input is sent to the first animation frame at
 * which the DOM shows the result (so the frame that paints it is the next one).
 */
export const runbookScaleBenchmark: Benchmark = {
  name: 'runbook-scale',
  description: '5,000-step runbook and 500 hosts × 10 sub-steps vs 50 steps: open, next, done, scroll',
  async run() {
    const browser = await launchChromium();
    try {
      const app = await openApp(browser);
      const rpc = await connectWebSocketClient(app.serve.origin, app.serve.token);
      try {
        const runs = await startRuns(rpc);
        const page = app.page;
        return [
          ...(await listFigures(page, rpc, runs.list5000, runs.list50)),
          ...(await gridFigures(page, rpc, runs.grid500, runs.grid50)),
        ];
      } finally {
        rpc.close();
        await app.close();
      }
    } finally {
      await browser.close();
    }
  },
};

interface ScaleRun {
  id: string;
  label: string;
  /** Step keys in list order (for the step list) or host names in grid order (for the grid). */
  order: string[];
}

async function startRuns(rpc: RpcClient) {
  const start = async (label: string, source: string, inventory?: string): Promise<string> => {
    const runbook = await rpc.call('runbooks.create', { title: label, source });
    const environment = await rpc.call('environments.create', {
      environment: { name: label, kind: 'training', colour: '#2b6cb0', controlHost: { kind: 'local' } },
    });
    if (inventory !== undefined)
      await rpc.call('inventories.save', {
        environmentId: environment.id,
        text: inventory,
        source: { kind: 'pasted' },
      });
    const { run } = await rpc.call('runs.start', {
      runbookId: runbook.id,
      revision: runbook.revision,
      environmentId: environment.id,
      mode: 'practice',
      operator: 'Ada Operator',
    });
    return run.id;
  };
  const hosts = (count: number) =>
    Array.from({ length: count }, (_, index) => `cmp-${String(index + 1).padStart(3, '0')}`);
  const list5000Source = listRunbook(50, 100);
  const list50Source = listRunbook(5, 10);
  return {
    list5000: {
      id: await start('5,000 steps', list5000Source),
      label: '5,000 steps',
      order: stepKeysOf(50, 100),
    },
    list50: { id: await start('50 steps', list50Source), label: '50 steps', order: stepKeysOf(5, 10) },
    grid500: {
      id: await start('500 hosts × 10', rollingRunbook(10), '[compute]\ncmp-[001:500]\n'),
      label: '500 hosts × 10 sub-steps',
      order: hosts(500),
    },
    grid50: {
      id: await start('50 hosts × 1', rollingRunbook(1), '[compute]\ncmp-[001:050]\n'),
      label: '50 hosts × 1 sub-step',
      order: hosts(50),
    },
  } satisfies Record<string, ScaleRun>;
}

const repeat = { warmup: 1, runs: 5 };

/** A figure against its 50-step baseline, both measured by `action` in the same page. */
async function pair(
  name: string,
  unit: string,
  big: ScaleRun,
  small: ScaleRun,
  action: (run: ScaleRun) => Promise<number>,
  options = repeat,
): Promise<Figure> {
  const figure: Sample = await measure(() => action(big), options);
  const baseline: Sample = await measure(() => action(small), options);
  return compared('runbook-scale', `${name}, ${big.label}`, unit, figure, {
    name: small.label,
    sample: baseline,
  });
}

async function listFigures(page: Page, rpc: RpcClient, big: ScaleRun, small: ScaleRun): Promise<Figure[]> {
  const figures = [await pair('open the run', 'ms', big, small, (run) => openRun(page, run, 'list'))];
  // The next actions are taken on the open run: open it once, untimed, before each series.
  const onRun = (action: (run: ScaleRun) => Promise<number>) => {
    let open: string | undefined;
    return async (run: ScaleRun) => {
      if (open !== run.id) await openRun(page, run, 'list');
      open = run.id;
      return action(run);
    };
  };
  figures.push(
    await pair(
      'next step (j)',
      'ms',
      big,
      small,
      onRun((run) => nextStep(page, run)),
    ),
  );
  figures.push(
    await pair(
      'mark done (d)',
      'ms',
      big,
      small,
      onRun((run) => markDoneByKey(page, run)),
    ),
  );
  figures.push(
    await pair(
      'scroll the list to its end',
      'ms',
      big,
      small,
      onRun((run) => scrollList(page, run)),
    ),
  );
  figures.push(
    await pair('host: runs.get', 'ms', big, small, (run) =>
      timed(() => rpc.call('runs.get', { id: run.id })),
    ),
  );
  return figures;
}

async function gridFigures(page: Page, rpc: RpcClient, big: ScaleRun, small: ScaleRun): Promise<Figure[]> {
  // Batch 1 in progress, so its hosts' steps can be marked done (the grid's "Start batch" button).
  for (const run of [big, small]) await rpc.call('runs.runStep', { id: run.id, stepKey: 'roll' });
  const figures = [await pair('open the run', 'ms', big, small, (run) => openRun(page, run, 'grid'))];
  const marked = new Map<string, number>();
  figures.push(
    await pair('mark a host step done (d)', 'ms', big, small, async (run) => {
      const index = marked.get(run.id) ?? 0;
      marked.set(run.id, index + 1);
      await openRun(page, run, 'grid');
      return markHostStepDone(page, run, run.order[index]!);
    }),
  );
  figures.push(
    await pair('scroll the grid to its last host', 'ms', big, small, async (run) => {
      await openRun(page, run, 'grid');
      return scrollGrid(page, run);
    }),
  );
  let host = 10;
  figures.push(
    await pair('host: runs.markDone', 'ms', big, small, (run) =>
      timed(() => rpc.call('runs.markDone', { id: run.id, stepKey: `roll@${run.order[host++]}/check-1` })),
    ),
  );
  figures.push(
    await pair('host: runs.get', 'ms', big, small, (run) =>
      timed(() => rpc.call('runs.get', { id: run.id })),
    ),
  );
  return figures;
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

/** From the runs list to the run's screen painted: the selected step's panel, or the grid's rows. */
async function openRun(page: Page, run: ScaleRun, screen: 'list' | 'grid'): Promise<number> {
  await page.evaluate(() => (window.location.hash = '#/runs'));
  await page.getByTestId('run-row').first().waitFor();
  const probe: ScreenProbe =
    screen === 'list' ? { selectedStepPainted: true } : { gridHostShown: run.order[0]! };
  return untilInPage(
    page,
    () => page.evaluate((id) => (window.location.hash = `#/runs/${id}`), run.id),
    probe,
  );
}

async function selectedKey(page: Page): Promise<string> {
  const key = await page
    .getByRole('listbox', { name: 'Steps' })
    .locator('[aria-selected="true"]')
    .getAttribute('data-step-key');
  if (key === null) throw new Error('runbook-scale: no step is selected on the run screen');
  return key;
}

async function nextStep(page: Page, run: ScaleRun): Promise<number> {
  const current = await selectedKey(page);
  const next = run.order[run.order.indexOf(current) + 1];
  if (next === undefined) throw new Error(`runbook-scale: no step after ${current} in ${run.label}`);
  await page.getByRole('listbox', { name: 'Steps' }).focus();
  return untilInPage(page, () => page.keyboard.press('j'), { selectedIs: next });
}

async function markDoneByKey(page: Page, run: ScaleRun): Promise<number> {
  // Mark the step after the selected one, so each sample marks a step that is not done yet.
  await nextStep(page, run);
  const key = await selectedKey(page);
  return untilInPage(page, () => page.keyboard.press('d'), { stepStatus: { key, status: 'succeeded' } });
}

async function scrollList(page: Page, run: ScaleRun): Promise<number> {
  const list = page.getByRole('listbox', { name: 'Steps' });
  await list.evaluate((element) => (element.scrollTop = 0));
  await list.locator(`[data-step-key="${run.order[0]}"]`).waitFor();
  const last = run.order.at(-1)!;
  return untilInPage(page, () => list.evaluate((element) => (element.scrollTop = element.scrollHeight)), {
    stepRowShown: last,
  });
}

async function markHostStepDone(page: Page, run: ScaleRun, host: string): Promise<number> {
  const cellKey = `roll@${host}/check-1`;
  await page.locator(`[data-cell-key="${cellKey}"]`).click();
  await page
    .getByTestId('step-panel')
    .filter({ hasText: `Check 1 · ${host}` })
    .waitFor();
  // The `d` shortcut, as on the step list: the same input path for the figure and its baseline.
  return untilInPage(page, () => page.keyboard.press('d'), {
    cellStatus: { key: cellKey, status: 'succeeded' },
  });
}

async function scrollGrid(page: Page, run: ScaleRun): Promise<number> {
  const body = page.locator('.rolling-grid-body');
  await body.evaluate((element) => (element.scrollTop = 0));
  await page.locator(`[data-host="${run.order[0]}"]`).waitFor();
  return untilInPage(page, () => body.evaluate((element) => (element.scrollTop = element.scrollHeight)), {
    gridHostShown: run.order.at(-1)!,
  });
}
