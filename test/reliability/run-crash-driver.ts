import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { RunOpen, StepState } from '../../shared/contract/index';

/** What the loop reads of a step: the run's list (`runs.get`) and its updates both carry it. */
type StepRow = Pick<StepState, 'key' | 'kind' | 'status'>;
import type { RpcClient } from '../../shared/rpc/client';
import { databaseFileName } from '../../electron/host/store/data-dir';
import { startServe, type RunningServe } from '../support/built-app';
import { connectWebSocketClient } from '../support/node-websocket-client';
import { crashRunbookSource } from './crash-runbook';

/**
 * The crash loop (issue 5 acceptance, issue 8 reliability "crash"): a scripted run against the
 * built host, SIGKILLed at random moments. Every action the host acknowledged is remembered; after
 * each kill the database is checked (`PRAGMA integrity_check`), the host restarted, and every
 * acknowledged action looked for. A command that was in flight must come back `unknown` (or
 * finished, when its end was recorded before the kill), never `running` or silently `succeeded`.
 */
export type Ack =
  | { kind: 'note'; text: string }
  | { kind: 'done'; key: string }
  | { kind: 'skipped'; key: string }
  | { kind: 'started'; key: string };

export interface CrashCounters {
  kills: number;
  acknowledged: number;
  lost: number;
  inFlightWrong: number;
  integrityFailures: number;
  chainFailures: number;
}

export interface CrashOptions {
  dataDir: string;
  iterations: number;
  seed: number;
  /** Longest a host lives before the kill, ms (the kill moment is uniform below it). */
  maxLifetimeMs?: number;
}

/** A small deterministic generator (mulberry32) so a failing seed can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function runCrashLoop(options: CrashOptions): Promise<CrashCounters> {
  const random = seededRandom(options.seed);
  const counters: CrashCounters = {
    kills: 0,
    acknowledged: 0,
    lost: 0,
    inFlightWrong: 0,
    integrityFailures: 0,
    chainFailures: 0,
  };
  const acks: Ack[] = [];
  const runId = await prepareRun(options.dataDir);
  const finished = new FinishedCommands(runId);
  for (let iteration = 0; iteration < options.iterations; iteration += 1) {
    const host = await startHost(options.dataDir);
    const client = await connectWebSocketClient(host.origin, host.token);
    const detail = await client.call('runs.get', { id: runId });
    tally(counters, checkAcks(detail, acks, await finished.update(client)));
    // The whole chain is recomputed (and the state rebuilt) every so often, not on every
    // restart: it grows with the log, and the final check covers the whole of it anyway.
    if (iteration % verifyEvery === 0 && !(await client.call('runs.verify', { id: runId })).valid)
      counters.chainFailures += 1;
    acks.length = 0;
    const lifetime = 150 + random() * ((options.maxLifetimeMs ?? 1500) - 150);
    await actUntilKilled(client, host, detail, random, lifetime, acks);
    counters.kills += 1;
    counters.acknowledged += acks.length;
    if (!integrityOk(options.dataDir)) counters.integrityFailures += 1;
  }
  const host = await startHost(options.dataDir);
  const client = await connectWebSocketClient(host.origin, host.token);
  tally(
    counters,
    checkAcks(await client.call('runs.get', { id: runId }), acks, await finished.update(client)),
  );
  if (!(await client.call('runs.verify', { id: runId })).valid) counters.chainFailures += 1;
  client.close();
  await host.stop();
  return counters;
}

/** Restarts between full chain verifications. */
const verifyEvery = 25;

/** Looks for every acknowledged action in the state the host rebuilt after a restart. */
export function checkAcks(
  detail: RunOpen,
  acks: readonly Ack[],
  finished: ReadonlySet<string>,
): { lost: number; inFlightWrong: number } {
  const steps = new Map(detail.steps.map((step) => [step.key, step]));
  let lost = 0;
  let inFlightWrong = 0;
  for (const ack of acks) {
    if (ack.kind === 'note') {
      if (!detail.notes.some((note) => note.text === ack.text)) lost += 1;
      continue;
    }
    const status = steps.get(ack.key)?.status;
    if (ack.kind === 'done' && status !== 'succeeded') lost += 1;
    if (ack.kind === 'skipped' && status !== 'skipped') lost += 1;
    if (ack.kind === 'started') {
      if (status === undefined || status === 'pending') lost += 1;
      else if (status === 'running') inFlightWrong += 1;
      else if ((status === 'succeeded' || status === 'failed') && !finished.has(ack.key)) inFlightWrong += 1;
    }
  }
  return { lost, inFlightWrong };
}

/** Whether `PRAGMA integrity_check` passes on the data folder's database (host stopped). */
export function integrityOk(dataDir: string): boolean {
  const db = new Database(join(dataDir, databaseFileName));
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.length === 1 && rows[0]?.integrity_check === 'ok';
  } catch {
    return false;
  } finally {
    db.close();
  }
}

function tally(counters: CrashCounters, found: { lost: number; inFlightWrong: number }): void {
  counters.lost += found.lost;
  counters.inFlightWrong += found.inFlightWrong;
}

/** Steps whose command end was logged (`command.finished`): they may have finished honestly. */
class FinishedCommands {
  private readonly keys = new Set<string>();
  private lastSeq = -1;

  constructor(private readonly runId: string) {}

  /** Reads the events appended since the last call. */
  async update(client: RpcClient): Promise<ReadonlySet<string>> {
    for (;;) {
      const page = await client.call('runs.events', {
        id: this.runId,
        afterSeq: this.lastSeq,
        limit: 10_000,
      });
      for (const event of page)
        if (event.type === 'command.finished' && event.stepKey) this.keys.add(event.stepKey);
      if (page.length > 0) this.lastSeq = page.at(-1)!.seq;
      if (page.length < 10_000) return this.keys;
    }
  }
}

async function prepareRun(dataDir: string): Promise<string> {
  const host = await startHost(dataDir);
  const client = await connectWebSocketClient(host.origin, host.token);
  const runbook = await client.call('runbooks.create', {
    title: 'Crash loop',
    source: crashRunbookSource(300),
  });
  const environment = await client.call('environments.create', {
    environment: {
      name: 'crash-test',
      kind: 'test',
      colour: '#336699',
      controlHost: { kind: 'local', shell: '/bin/bash' },
    },
  });
  const detail = await client.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'crash loop',
  });
  client.close();
  await host.stop();
  return detail.run.id;
}

/**
 * The host runs with a home folder of its own (beside the data folder) so the shells it starts
 * read no rc files of the machine's user: a shell killed halfway through someone's ~/.bashrc can
 * leave that user's tools locked (a SIGKILL during `pyenv rehash` leaves its lock file behind and
 * every later login waits on it), and rc files are not what this loop measures.
 */
function startHost(dataDir: string): Promise<RunningServe> {
  const home = join(dirname(dataDir), 'home');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  return startServe(['dist/host/serve.js', '--port', '0'], { HANDRAIL_DATA_DIR: dataDir, HOME: home });
}

/**
 * Acts as an operator would, as fast as the host answers, until the kill: notes, instructions
 * marked done, commands run, unknown steps skipped. Only answered calls count as acknowledged.
 */
async function actUntilKilled(
  client: RpcClient,
  host: RunningServe,
  detail: RunOpen,
  random: () => number,
  lifetimeMs: number,
  acks: Ack[],
): Promise<void> {
  const steps = new Map<string, StepRow>(detail.steps.map((step) => [step.key, step]));
  client.on('runs.changed', (update) => update.steps.forEach((step) => steps.set(step.key, step)));
  let alive = true;
  const exited = new Promise<void>((resolve) => host.child.once('exit', () => resolve()));
  const killer = setTimeout(() => host.child.kill('SIGKILL'), lifetimeMs);
  void exited.then(() => (alive = false));
  const acting = (async () => {
    await client.call('runs.openTerminal', { id: detail.run.id }).catch(() => undefined);
    let counter = 0;
    while (alive) {
      counter += 1;
      const ack = await oneAction(client, detail.run.id, [...steps.values()], random, counter).catch(
        () => undefined,
      );
      if (ack !== undefined) acks.push(ack);
      if (ack === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  await exited;
  clearTimeout(killer);
  await acting;
}

async function oneAction(
  client: RpcClient,
  runId: string,
  steps: StepRow[],
  random: () => number,
  counter: number,
): Promise<Ack | undefined> {
  const running = steps.some((step) => step.status === 'running');
  if (running || random() < 0.5) {
    const text = `crash-note ${runId.slice(0, 8)} ${Date.now()} ${counter} ${random().toString(36).slice(2)}`;
    await client.call('runs.addNote', { id: runId, stepKey: null, text });
    return { kind: 'note', text };
  }
  const unknown = steps.find((step) => step.status === 'unknown' || step.status === 'failed');
  if (unknown !== undefined) {
    await client.call('runs.skip', {
      id: runId,
      stepKey: unknown.key,
      reason: 'crash loop: outcome not verified',
    });
    return { kind: 'skipped', key: unknown.key };
  }
  const next = steps.find((step) => step.status === 'pending');
  if (next === undefined) return undefined;
  if (next.kind === 'instruction') {
    await client.call('runs.markDone', { id: runId, stepKey: next.key });
    return { kind: 'done', key: next.key };
  }
  await client.call('runs.runStep', { id: runId, stepKey: next.key });
  return { kind: 'started', key: next.key };
}
