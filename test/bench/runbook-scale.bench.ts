import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RpcClient } from '../../shared/rpc/client';
import { startServe, type RunningServe } from '../support/built-app';
import { connectWebSocketClient } from '../support/node-websocket-client';
import { makeTempDir } from '../support/temp-dir';
import { launchChromium, openApp, type AppInBrowser } from './app-terminals';
import { compared, measure, summarise, type Benchmark, type Figure, type Sample } from './harness';
import { kollaOutput } from './kolla-output';
import { untilInPage, type ScreenProbe } from './page-timing';
import { rollingRunbook, stepKeysOf } from '../support/scale-runbooks';
import { searchIndexed } from '../support/search-indexed';

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
 * - The host alone (the RPC the screen makes, over the same WebSocket): `runs.open` (what the
 *   screen asks when it opens a run; `runs.get`, every row at once, is for tools and tests) and
 *   `runs.markDone`, same pairs, and the bytes `runs.open` answers (the open's payload).
 * - Cold open: the host stopped and started again on the same data folder, the page loaded
 *   afresh, then the first open of the run (one sample per start, alternating the two runs).
 *
 * The first half of each step list's steps are command steps that were run for real (a `cat` in
 * the run's bash printing ~6 kB of kolla-ansible output each), so the runs carry what a long
 * upgrade's record carries; the second half are instructions, still pending, for `j` and `d`.
 *
 * Times are taken in the page, from just before the input is sent to the first animation frame at
 * which the DOM shows the result (so the frame that paints it is the next one).
 */
export const runbookScaleBenchmark: Benchmark = {
  name: 'runbook-scale',
  description: '5,000-step runbook and 500 hosts × 10 sub-steps vs 50 steps: open, next, done, scroll',
  async run() {
    const browser = await launchChromium();
    const work = makeTempDir('handrail-bench-scale-work-');
    try {
      writeOutputs(work.path);
      const app = await openApp(browser);
      const host = { serve: app.serve, rpc: await connectWebSocketClient(app.serve.origin, app.serve.token) };
      try {
        const runs = await startRuns(host.rpc, work.path);
        const page = app.page;
        const figures = [
          ...(await listFigures(page, host.rpc, runs.list5000, runs.list50)),
          ...(await gridFigures(page, host.rpc, runs.grid500, runs.grid50)),
        ];
        figures.push(await coldOpen(app, host, runs.list5000, runs.list50));
        return figures;
      } finally {
        host.rpc.close();
        if (host.serve !== app.serve) await host.serve.stop();
        await app.close();
      }
    } finally {
      await browser.close();
      work.remove();
    }
  },
};

interface ScaleRun {
  id: string;
  label: string;
  /** Step keys in list order (for the step list) or host names in grid order (for the grid). */
  order: string[];
}

/** Output files the command steps print in turn: kolla-ansible's, plain text (as `cat` prints a log). */
const outputVariants = 10;
const outputLines = 60;

function writeOutputs(dir: string): void {
  for (let index = 0; index < outputVariants; index++) {
    const { reads } = kollaOutput({ seed: 16 + index, lines: outputLines });
    const text = Buffer.concat(reads).toString('utf8').replace(/\r\n/g, '\n');
    writeFileSync(join(dir, `out-${index}.txt`), text);
  }
}

/**
 * `phases` phases of `perPhase` steps keyed s-<phase>-<step>: the first half command steps that
 * print one of the output files, the rest instructions.
 */
function listRunbook(phases: number, perPhase: number): string {
  const total = phases * perPhase;
  const lines = ['---', `title: "${total} steps"`, 'variables:', '  - name: "work_dir"', '---', ''];
  lines.push(`# ${total} steps`, '');
  for (let phase = 1; phase <= phases; phase += 1) {
    lines.push(`## Phase ${phase} {window=inside}`, '');
    for (let step = 1; step <= perPhase; step += 1) {
      const index = (phase - 1) * perPhase + step - 1;
      const heading = `### Step ${phase}.${step} {#s-${phase}-${step}`;
      if (index < total / 2)
        lines.push(
          `${heading} kind=command}`,
          '',
          '```bash run',
          `cat {{work_dir}}/out-${index % outputVariants}.txt`,
          '```',
          '',
        );
      else lines.push(`${heading} kind=instruction}`, '', 'Read and confirm.', '');
    }
  }
  return lines.join('\n');
}

/** Runs every command step of the list run in its own bash, each to its recorded outcome. */
async function runCommandSteps(rpc: RpcClient, runId: string, keys: readonly string[]): Promise<void> {
  const { terminalId } = await rpc.call('runs.openTerminal', { id: runId });
  const deadline = Date.now() + 30_000;
  while ((await rpc.call('terminals.list', {})).find((t) => t.id === terminalId)?.integration !== 'active') {
    if (Date.now() > deadline) throw new Error('runbook-scale: the run terminal never reported exit codes');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (const stepKey of keys) {
    const ended = new Promise<void>((resolve, reject) => {
      const stop = rpc.on('runs.changed', (update) => {
        const step = update.steps.find((candidate) => candidate.key === stepKey);
        if (update.run.id !== runId || step === undefined || step.status === 'running') return;
        stop();
        if (step.status === 'succeeded') resolve();
        else reject(new Error(`runbook-scale: ${stepKey} ended ${step.status}`));
      });
    });
    await rpc.call('runs.runStep', { id: runId, stepKey });
    await ended;
  }
}

/**
 * Until the transcript index has caught up with the output the command steps printed: a worker
 * thread makes it after the output is stored (issue 17), and the 5,000-step run's 15 MB would
 * otherwise be indexed while the first figures are taken, competing for the two cores.
 */
async function untilIndexed(rpc: RpcClient): Promise<void> {
  await searchIndexed(rpc, { text: 'kolla', limit: 1 }, 300_000);
}

async function startRuns(rpc: RpcClient, workDir: string) {
  // The bench's connection gets the run terminals' data: it acknowledges it, as a view does.
  rpc.on('terminals.data', ({ id, data }) => {
    rpc.call('terminals.ack', { id, chars: data.length }).catch(() => undefined);
  });
  const start = async (label: string, source: string, inventory?: string): Promise<string> => {
    const runbook = await rpc.call('runbooks.create', { title: label, source });
    const environment = await rpc.call('environments.create', {
      environment: {
        name: label,
        kind: 'training',
        colour: '#2b6cb0',
        controlHost: { kind: 'local', shell: '/bin/bash' },
      },
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
      ...(inventory === undefined ? { variables: { work_dir: workDir } } : {}),
    });
    return run.id;
  };
  const hosts = (count: number) =>
    Array.from({ length: count }, (_, index) => `cmp-${String(index + 1).padStart(3, '0')}`);
  const list5000: ScaleRun = {
    id: await start('5,000 steps', listRunbook(50, 100)),
    label: '5,000 steps',
    order: stepKeysOf(50, 100),
  };
  const list50: ScaleRun = {
    id: await start('50 steps', listRunbook(5, 10)),
    label: '50 steps',
    order: stepKeysOf(5, 10),
  };
  for (const run of [list50, list5000])
    await runCommandSteps(rpc, run.id, run.order.slice(0, run.order.length / 2));
  await untilIndexed(rpc);
  return {
    list5000,
    list50,
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
    await pair('host: runs.open', 'ms', big, small, (run) =>
      timed(() => rpc.call('runs.open', { id: run.id })),
    ),
  );
  figures.push(
    await pair(
      'host: runs.open answer',
      'kB',
      big,
      small,
      async (run) => (await answerBytes(rpc, run.id)) / 1000,
      {
        warmup: 0,
        runs: 1,
      },
    ),
  );
  // Instruction steps not done yet: the last ones of each run (the page marked the first ones).
  const unmarked = new Map<string, number>();
  figures.push(
    await pair('host: runs.markDone', 'ms', big, small, (run) => {
      const from = unmarked.get(run.id) ?? run.order.length - 1;
      unmarked.set(run.id, from - 1);
      return timed(() => rpc.call('runs.markDone', { id: run.id, stepKey: run.order[from]! }));
    }),
  );
  return figures;
}

/** The size of `runs.open`'s answer as JSON text (what the wire carries, before framing). */
async function answerBytes(rpc: RpcClient, id: string): Promise<number> {
  return Buffer.byteLength(JSON.stringify(await rpc.call('runs.open', { id })));
}

interface HostConnection {
  serve: RunningServe;
  rpc: RpcClient;
}

/**
 * The first open after the host started: stop it, start it again on the same data folder, load
 * the page afresh and open the run. Alternates the two runs, one sample per start.
 */
async function coldOpen(app: AppInBrowser, host: HostConnection, big: ScaleRun, small: ScaleRun) {
  const samples = new Map<string, number[]>([
    [big.id, []],
    [small.id, []],
  ]);
  for (let round = 0; round < 3; round++)
    for (const run of [big, small]) {
      host.rpc.close();
      await host.serve.stop();
      host.serve = await startServe(['dist/host/serve.js', '--port', '0'], {
        HANDRAIL_DATA_DIR: app.dataDir,
      });
      host.rpc = await connectWebSocketClient(host.serve.origin, host.serve.token);
      await app.page.goto(host.serve.url);
      samples.get(run.id)!.push(await openRun(app.page, run, 'list'));
    }
  return compared(
    'runbook-scale',
    `open the run cold (first after host start), ${big.label}`,
    'ms',
    summarise(samples.get(big.id)!),
    {
      name: small.label,
      sample: summarise(samples.get(small.id)!),
    },
  );
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
    await pair('host: runs.open', 'ms', big, small, (run) =>
      timed(() => rpc.call('runs.open', { id: run.id })),
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
