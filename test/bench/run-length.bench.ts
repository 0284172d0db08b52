import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, type Host } from '../../electron/host/host';
import { databaseFileName } from '../../electron/host/store/data-dir';
import { RpcClient } from '../../shared/rpc/client';
import { messagePortPair } from '../support/channels';
import { compared, summarise, type Benchmark, type Figure } from './harness';
import { mixedText } from './mixed-text';
import { scaleRunbookSource, variants } from './report-run';

/**
 * run-length (issue 16): one run of `steps` command steps through the real engine and a real
 * bash, each step printing 100 kB of mixed text (so 100 MB of transcript at 1,000 steps), every
 * step run with `runs.runStep` and its outcome awaited, and a note added after each.
 *
 * Figures, each the median over a window of 11 steps against the same window at step 25:
 * - `runs.runStep` answered (the action's commit: step.started and command.sent);
 * - `runs.addNote` answered (a pure append);
 * - the whole step, from the call to its outcome recorded.
 * Then the database's size against the transcript's bytes (the bar: ≤ 1.1× plus a constant).
 *
 * HANDRAIL_BENCH_RUN_STEPS sets the length (default 1,000): the code before migration 0010 was
 * measured at 200 because each append rewrote the whole run and 1,000 took too long.
 */
const outputBytes = 100_000;
const window = 11;
const earlyStep = 25;

export const runLengthBenchmark: Benchmark = {
  name: 'run-length',
  description: 'a 1,000-step run, 100 kB of output per step: action cost at the end vs at step 25',
  async run() {
    const steps = Number(process.env.HANDRAIL_BENCH_RUN_STEPS ?? 1000);
    const dataDir = mkdtempSync(join(tmpdir(), 'handrail-bench-run-length-'));
    const workDir = mkdtempSync(join(tmpdir(), 'handrail-bench-run-length-work-'));
    for (let index = 0; index < variants; index++)
      writeFileSync(join(workDir, `out-${index}.txt`), mixedText(outputBytes, 30 + index));
    const host = createHost({ dataDir, version: 'bench' });
    const pair = messagePortPair();
    host.server.attach(pair.hostSide);
    const client = new RpcClient(pair.clientSide);
    try {
      return await measureRun(host, client, dataDir, workDir, steps);
    } finally {
      client.close();
      pair.close();
      host.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    }
  },
};

interface StepTimes {
  runStep: number;
  addNote: number;
  whole: number;
}

async function measureRun(
  host: Host,
  client: RpcClient,
  dataDir: string,
  workDir: string,
  steps: number,
): Promise<Figure[]> {
  // The view's acknowledgements, as the run screen's terminal sends them (flow-control.ts).
  client.on('terminals.data', ({ id, data }) => {
    client.call('terminals.ack', { id, chars: data.length }).catch(() => undefined);
  });
  const runId = await startRun(client, workDir, steps);
  const times: StepTimes[] = [];
  for (let index = 1; index <= steps; index++) times.push(await oneStep(client, runId, `s${index}`));
  host.db.pragma('wal_checkpoint(TRUNCATE)');
  const transcriptBytes = (
    host.db
      // The stream's bytes (a compressed chunk's `bytes`, migration 0014), not what they are stored in.
      .prepare('SELECT COALESCE(SUM(COALESCE(bytes, length(data))), 0) AS n FROM terminal_chunks')
      .get() as { n: number }
  ).n;
  const databaseBytes = statSync(join(dataDir, databaseFileName)).size;
  const largest = largestTables(host);

  const at = (step: number, pick: (time: StepTimes) => number) =>
    summarise(times.slice(Math.max(0, step - 1 - (window >> 1)), step + (window >> 1)).map(pick));
  const late = steps - (window >> 1);
  const figure = (name: string, pick: (time: StepTimes) => number): Figure =>
    compared('run-length', `${name} at step ${late} of ${steps}`, 'ms', at(late, pick), {
      name: `at step ${earlyStep}`,
      sample: at(earlyStep, pick),
    });
  return [
    figure('runs.runStep answered', (time) => time.runStep),
    figure('runs.addNote answered', (time) => time.addNote),
    figure('whole step (100 kB output)', (time) => time.whole),
    compared(
      'run-length',
      `database size after ${steps} steps`,
      'MB',
      summarise([databaseBytes / 1e6]),
      { name: 'transcript bytes', sample: summarise([transcriptBytes / 1e6]) },
      `bar: ≤ 1.1× the transcript plus a constant; largest: ${largest}`,
    ),
  ];
}

/** Where the bytes are (SQLite's dbstat: tables and their indexes, the FTS5 shadow tables apart). */
function largestTables(host: Host): string {
  try {
    const rows = host.db
      .prepare(`SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 5`)
      .all() as Array<{ name: string; bytes: number }>;
    return rows.map((row) => `${row.name} ${(row.bytes / 1e6).toFixed(1)} MB`).join(', ');
  } catch {
    return 'dbstat not compiled in';
  }
}

async function startRun(client: RpcClient, workDir: string, steps: number): Promise<string> {
  const environment = await client.call('environments.create', {
    environment: {
      name: 'bench-run-length',
      kind: 'test',
      colour: '#2f855a',
      controlHost: { kind: 'local', shell: '/bin/bash' },
    },
  });
  const runbook = await client.call('runbooks.create', {
    title: 'Run length',
    source: scaleRunbookSource(steps),
  });
  const { run } = await client.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada',
    variables: { work_dir: workDir },
  });
  const { terminalId } = await client.call('runs.openTerminal', { id: run.id });
  const deadline = Date.now() + 30_000;
  while (
    (await client.call('terminals.list', {})).find((t) => t.id === terminalId)?.integration !== 'active'
  ) {
    if (Date.now() > deadline) throw new Error('run-length: the run terminal never reported exit codes');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return run.id;
}

/** Runs one step to its outcome (on runs.changed, never a fixed wait), then adds a note. */
async function oneStep(client: RpcClient, runId: string, stepKey: string): Promise<StepTimes> {
  const ended = new Promise<void>((resolve) => {
    const stop = client.on('runs.changed', (update) => {
      const step = update.steps.find((candidate) => candidate.key === stepKey);
      if (update.run.id !== runId || step === undefined || step.status === 'running') return;
      if (step.status !== 'succeeded') throw new Error(`run-length: ${stepKey} ended ${step.status}`);
      stop();
      resolve();
    });
  });
  const started = performance.now();
  await client.call('runs.runStep', { id: runId, stepKey });
  const runStep = performance.now() - started;
  await ended;
  const whole = performance.now() - started;
  const noteStarted = performance.now();
  await client.call('runs.addNote', { id: runId, stepKey, text: `checked ${stepKey}` });
  return { runStep, addNote: performance.now() - noteStarted, whole };
}
