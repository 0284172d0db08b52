import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RpcError } from '../../../shared/contract/index';
import type { Runbook } from '../../../shared/runbook/index';
import { RunbookInputError } from '../runbook/index';
import type { JobFailure, JobOf, ReaderJob, ReaderResults, WorkerReply } from './reader-jobs';

/**
 * Limits on reading one file. Markdown readers are superlinear on some inputs (micromark: `*a_`
 * repeated 8,000 times took 9.8 s, 100,000 times did not finish in 180 s), so every read runs in
 * a reader process of its own that the host ends when it goes over:
 * - 10 s of the reader's CPU time: the largest real guide takes 0.15 s and the 5,000-step scale
 *   runbook 1.3 s on the 2-CPU build machine (`npm run bench -- runbook-scale`). CPU time, not
 *   the clock, so a loaded machine does not refuse a good file (the 5,000-step runbook took 12 s
 *   by the clock at a load of 15, and about 2 s of CPU).
 * - 60 s by the clock, whatever the load, and where CPU time cannot be read (it is read from
 *   Linux's /proc; elsewhere the clock is the only limit).
 * - 512 MiB of heap: twice what the 5,000-step runbook needs (242 MB); 3 MB of real guides
 *   needed 383 MB.
 * - two readers, so one slow file does not hold every other read behind it.
 *
 * A process rather than a worker thread: a worker that reaches its heap limit is usually ended
 * cleanly, but not always; in 1 of 2 tries reading a 5 MB line of `*a* _b_` V8 aborted the
 * whole process ("FATAL ERROR: Reached heap limit"), which for the host means every terminal and
 * running run. A process that runs out of memory takes nothing with it.
 */
export interface ReaderLimits {
  cpuMs: number;
  wallMs: number;
  memoryMb: number;
  readers: number;
}

export const readerLimits: ReaderLimits = { cpuMs: 10_000, wallMs: 60_000, memoryMb: 512, readers: 2 };

/** How often a running read's time is looked at. */
const watchIntervalMs = 100;
/** /proc reports CPU time in USER_HZ ticks, 100 per second on Linux (proc(5)). */
const msPerTick = 10;
/** Enough of a reader's stderr to tell why it died. */
const stderrKept = 4096;

/** A file the reader would not finish: too slow, too large or too deeply nested. */
export class RunbookReadRefused extends Error {
  override name = 'RunbookReadRefused';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: refused: ${reason}`);
  }
}

interface Task {
  job: ReaderJob;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  task: Task | undefined;
  watch: ReturnType<typeof setInterval> | undefined;
  stderr: string;
}

/**
 * Reads runbooks and guides in reader processes (see ReaderLimits). Jobs queue for the next free
 * reader; a cancelled job is dropped from the queue or its reader ended.
 */
export class RunbookReader {
  private readonly limits: ReaderLimits;
  private readonly entry: URL;
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(options: { entry?: URL; limits?: Partial<ReaderLimits> } = {}) {
    this.limits = { ...readerLimits, ...options.limits };
    this.entry = options.entry ?? readerEntry();
  }

  inspect(source: string, file: string, signal?: AbortSignal): Promise<ReaderResults['inspect']> {
    return this.run({ kind: 'inspect', file, source }, signal);
  }

  /** Parses and re-serializes a runbook file; bad input is `invalid_params` on `field`. */
  normalizeSource(text: string, file: string, field: string, signal?: AbortSignal) {
    return this.forRequest(this.run({ kind: 'normalizeSource', file, text, field }, signal), field);
  }

  normalizeModel(model: Runbook, file: string, field: string, signal?: AbortSignal) {
    return this.forRequest(this.run({ kind: 'normalizeModel', file, model, field }, signal), field);
  }

  reviewGuide(text: string, file: string, signal?: AbortSignal) {
    return this.forRequest(this.run({ kind: 'reviewGuide', file, text }, signal), 'params.text');
  }

  verifyDocument(text: string, file: string, signal?: AbortSignal) {
    return this.forRequest(this.run({ kind: 'verifyDocument', file, text }, signal), 'params.content');
  }

  /** Any job; refusals are RunbookReadRefused, bad input RunbookInputError or RpcError. */
  run<K extends ReaderJob['kind']>(job: JobOf<K>, signal?: AbortSignal): Promise<ReaderResults[K]> {
    if (this.closed) return Promise.reject(new Error('the runbook reader is closed'));
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise<ReaderResults[K]>((resolve, reject) => {
      const task: Task = { job, resolve: resolve as (result: unknown) => void, reject };
      signal?.addEventListener('abort', () => this.abandon(task), { once: true });
      this.queue.push(task);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('the runbook reader closed'));
    await Promise.all([...this.slots].map((slot) => this.end(slot)));
  }

  private forRequest<T>(work: Promise<T>, field: string): Promise<T> {
    return work.catch((error: unknown) => {
      if (error instanceof RunbookReadRefused) throw new RpcError('invalid_params', error.message, field);
      throw error;
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = [...this.slots].find((candidate) => candidate.task === undefined);
      if (slot === undefined && this.slots.size < this.limits.readers) slot = this.spawn();
      if (slot === undefined) return;
      void this.start(slot, this.queue.shift() as Task);
    }
  }

  private spawn(): Slot {
    const child = fork(fileURLToPath(this.entry), [], {
      execArgv: [`--max-old-space-size=${this.limits.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Inside the Electron app process.execPath is Electron itself: run it as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    const slot: Slot = { child, ready: Promise.resolve(), task: undefined, watch: undefined, stderr: '' };
    slot.ready = new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', () => reject(this.deathOf(slot)));
    });
    slot.ready.catch(() => undefined);
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (slot.stderr = (slot.stderr + chunk.toString()).slice(-stderrKept)),
    );
    child.on('message', (reply: WorkerReply) => this.receive(slot, reply));
    child.on('error', () => undefined); // a failed spawn also ends in 'exit'
    child.on('exit', () => this.lost(slot));
    this.slots.add(slot);
    return slot;
  }

  private async start(slot: Slot, task: Task): Promise<void> {
    slot.task = task;
    try {
      await slot.ready;
    } catch {
      return; // lost() has failed the task
    }
    if (slot.task !== task) return; // cancelled while the reader started
    const pid = slot.child.pid;
    const startedAt = Date.now();
    const cpuAtStart = cpuMsOf(pid);
    slot.watch = setInterval(() => {
      const cpu = cpuAtStart === undefined ? undefined : (cpuMsOf(pid) ?? cpuAtStart) - cpuAtStart;
      if (cpu !== undefined && cpu > this.limits.cpuMs)
        this.refuse(
          slot,
          `reading it took more than ${this.limits.cpuMs / 1000} s of processor time${slowHint}`,
        );
      else if (Date.now() - startedAt > this.limits.wallMs)
        this.refuse(slot, `reading it took longer than ${this.limits.wallMs / 1000} s${slowHint}`);
    }, watchIntervalMs);
    slot.watch.unref();
    slot.child.send({ id: 0, job: task.job });
  }

  private receive(slot: Slot, reply: WorkerReply): void {
    if (reply.kind === 'ready') return;
    const task = this.finish(slot);
    if (task === undefined) return;
    if (reply.kind === 'done') task.resolve(reply.result);
    else task.reject(asError(task.job.file, reply.failure));
    this.dispatch();
  }

  /** Ends a read that went over a limit: its reader goes, the next read gets a new one. */
  private refuse(slot: Slot, reason: string): void {
    const task = this.finish(slot);
    void this.end(slot);
    task?.reject(new RunbookReadRefused(task.job.file, reason));
    this.dispatch();
  }

  private abandon(task: Task): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      task.reject(cancelled());
      return;
    }
    const slot = [...this.slots].find((candidate) => candidate.task === task);
    if (slot === undefined) return;
    this.finish(slot);
    void this.end(slot);
    task.reject(cancelled());
    this.dispatch();
  }

  /** The reader exited: a read it had fails (out of memory, or a fault); the next gets a new one. */
  private lost(slot: Slot): void {
    this.slots.delete(slot);
    const death = this.deathOf(slot);
    this.finish(slot)?.reject(death);
    this.dispatch();
  }

  private deathOf(slot: Slot): Error {
    const file = slot.task?.job.file ?? 'a runbook';
    if (/heap out of memory|Reached heap limit/i.test(slot.stderr))
      return new RunbookReadRefused(file, `reading it needed more than ${this.limits.memoryMb} MB of memory`);
    const { exitCode, signalCode } = slot.child;
    const how = signalCode === null ? `exit code ${exitCode}` : `signal ${signalCode}`;
    const detail = slot.stderr.trim().split('\n').slice(-3).join(' ');
    return new Error(
      `the runbook reader stopped while reading ${file} (${how})${detail === '' ? '' : `: ${detail}`}`,
    );
  }

  private finish(slot: Slot): Task | undefined {
    const task = slot.task;
    slot.task = undefined;
    clearInterval(slot.watch);
    slot.watch = undefined;
    return task;
  }

  /** Kills a reader the host is done with; its task, if any, was settled by the caller. */
  private end(slot: Slot): Promise<void> {
    this.slots.delete(slot);
    clearInterval(slot.watch);
    if (slot.child.exitCode !== null || slot.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => slot.child.once('exit', () => resolve()));
    slot.child.kill('SIGKILL');
    return exited;
  }
}

const slowHint =
  ', the limit for one file (it may hold a construct the Markdown reader is very slow on, such as a long run of * and _ or deeply nested blocks)';

function asError(file: string, failure: JobFailure): Error {
  switch (failure.type) {
    case 'rpc':
      return new RpcError(failure.code, failure.message, failure.field);
    case 'input':
      return new RunbookInputError(failure.diagnostics as [never, ...never[]]);
    case 'too-deep':
      return new RunbookReadRefused(file, 'it is nested too deeply to read');
    case 'crash':
      return new Error(`reading ${file} failed: ${failure.message}`);
  }
}

function cancelled(): RpcError {
  return new RpcError('cancelled', 'the request was cancelled');
}

/** CPU time a process has used (user + system), or undefined where /proc cannot tell. */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, so split after its closing ')').
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * msPerTick;
  } catch {
    return undefined;
  }
}

/**
 * The bundled reader: beside the bundled host (dist/host/), beside it from another bundle in
 * dist/ (the benchmarks', dist/bench/), or, when the host runs from source (the tests), the one
 * `node scripts/build.mjs` wrote.
 */
export function readerEntry(): URL {
  const candidates = [
    new URL('./runbook-reader.js', import.meta.url),
    new URL('../host/runbook-reader.js', import.meta.url),
    new URL('../../../dist/host/runbook-reader.js', import.meta.url),
  ];
  const found = candidates.find((candidate) => existsSync(fileURLToPath(candidate)));
  if (found === undefined)
    throw new Error(
      'the runbook reader is not built: run `node scripts/build.mjs` (dist/host/runbook-reader.js)',
    );
  return found;
}
