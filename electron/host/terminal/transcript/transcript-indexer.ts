import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromIndexWorker, IndexWorkerData, ToIndexWorker } from './index-messages';

/**
 * Indexes stored transcript chunks for search off the stream (issue 17): the recorder commits raw
 * chunks and tells this indexer; a worker thread with its own connection (index-worker.ts) makes
 * their plain text and writes the FTS5 rows. Inline, indexing was most of what recording cost the
 * host thread (docs/terminals.md, "Where the time goes").
 *
 * The index lags the transcript by what the worker has not reached; `caughtUp` waits for it, and
 * search says when it answered before the index had caught up. The worker starts on the first
 * chunk stored, or at `start` (the host's start, to catch up what a killed host left), and does
 * not keep the process alive: what it has not indexed when the process ends is indexed at the
 * next start, from the progress row (migration 0012).
 */
export class TranscriptIndexer {
  private worker: Worker | undefined;
  private nextDrain = 1;
  private readonly drains = new Map<number, () => void>();

  constructor(
    private readonly databasePath: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Starts the worker now, so chunks a previous host did not index are indexed. */
  start(): void {
    this.ensureWorker();
  }

  /** Chunks of `sessionId` up to `seq` are committed. */
  stored(sessionId: string, seq: number): void {
    this.send({ type: 'stored', sessionId, seq });
  }

  /** `sessionId` writes no more. */
  ended(sessionId: string): void {
    if (this.worker !== undefined) this.send({ type: 'ended', sessionId });
  }

  /**
   * Resolves true once every chunk stored before the call is indexed (and what `start` found
   * behind), or false after `timeoutMs` (the index is still catching up).
   */
  caughtUp(timeoutMs: number): Promise<boolean> {
    // No worker: this process stored nothing since the last one ended, and a read-only host
    // must not start one (it would write the index).
    if (this.worker === undefined) return Promise.resolve(true);
    const id = this.nextDrain++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.drains.delete(id);
        resolve(false);
      }, timeoutMs);
      this.drains.set(id, () => {
        clearTimeout(timer);
        resolve(true);
      });
      this.send({ type: 'drain', id });
    });
  }

  /** Ends the worker; what it had not indexed is indexed at the next start. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await worker.terminate();
  }

  private send(message: ToIndexWorker): void {
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) return this.worker;
    const data: IndexWorkerData = { databasePath: this.databasePath };
    const worker = new Worker(fileURLToPath(indexWorkerEntry()), { workerData: data });
    worker.on('message', (message: FromIndexWorker) => this.received(message));
    worker.on('error', (error) => this.onError(error));
    // A worker that died is started again by the next chunk stored; it catches up from the
    // progress rows, so nothing stored is left unindexed.
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    // After the listeners: a 'message' listener refs the worker's port again, and a referenced
    // worker would keep a finished process alive (seen: a probe that never exited).
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private received(message: FromIndexWorker): void {
    if (message.type === 'failed') {
      this.onError(new Error(`transcript index: ${message.message} (tried again)`));
      return;
    }
    const resolve = this.drains.get(message.id);
    this.drains.delete(message.id);
    resolve?.();
  }
}

/**
 * The bundled worker: beside the bundled host (dist/host/; in the packaged app, unpacked beside
 * app.asar, see electron-builder.config.cjs), beside it from another bundle in dist/ (the
 * benchmarks', dist/bench/), or, when the host runs from source (the tests), the one
 * `node scripts/build.mjs` wrote (as the runbook reader's process is found).
 */
function indexWorkerEntry(): URL {
  const beside = new URL('./transcript-index.js', import.meta.url);
  const candidates = [
    new URL(beside.href.replace('/app.asar/', '/app.asar.unpacked/')),
    beside,
    new URL('../host/transcript-index.js', import.meta.url),
    new URL('../../../../dist/host/transcript-index.js', import.meta.url),
  ];
  const found = candidates.find((candidate) => existsSync(fileURLToPath(candidate)));
  if (found === undefined)
    throw new Error('the transcript index worker is not built: run `node scripts/build.mjs`');
  return found;
}
