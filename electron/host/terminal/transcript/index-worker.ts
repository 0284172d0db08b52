import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { ChunkIndexer } from './chunk-indexer';
import type { FromIndexWorker, IndexWorkerData, ToIndexWorker } from './index-messages';

/**
 * The transcript index worker (issue 17): a thread of the host with a connection of its own,
 * indexing for search the chunks the recorder has stored. Built to dist/host/transcript-index.js
 * and started by TranscriptIndexer (transcript-indexer.ts).
 *
 * synchronous=NORMAL, not the host's FULL: the index is made from chunks that are already
 * durable, and its progress row is in each index transaction, so a transaction lost to a power
 * cut is indexed again at the next start, never twice.
 */
const firstRetryMs = 250;
const maxRetryMs = 2000;

const { databasePath } = workerData as IndexWorkerData;
const db = new BetterSqlite3(databasePath);
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const indexer = new ChunkIndexer(db);

/** Per session: the last chunk seq stored (as told) and the last indexed. */
const stored = new Map<string, number>();
const indexed = new Map<string, number>();
const ended = new Set<string>();
const drains: Array<{ id: number; upTo: Map<string, number> }> = [];
let scheduled = false;
let retryMs = firstRetryMs;

function post(message: FromIndexWorker): void {
  parentPort?.postMessage(message);
}

function storedUpTo(sessionId: string, seq: number): void {
  if (!indexed.has(sessionId)) indexed.set(sessionId, indexer.progress(sessionId));
  stored.set(sessionId, Math.max(seq, stored.get(sessionId) ?? 0));
}

function schedule(delayMs = 0): void {
  if (scheduled) return;
  scheduled = true;
  // A timer between transactions, so messages (a drain, more chunks) are read as work goes on.
  setTimeout(work, delayMs);
}

/**
 * One transaction for the first session behind, then again until none is. Each session indexed
 * goes to the back of the queue, so a flooding terminal does not keep another's output unsearchable.
 */
function work(): void {
  scheduled = false;
  const next = [...stored].find(([sessionId, seq]) => !isIndexed(sessionId, seq));
  if (next !== undefined) {
    stored.delete(next[0]);
    stored.set(next[0], next[1]);
    try {
      const before = indexed.get(next[0]) ?? 0;
      const reached = indexer.indexNext(next[0]);
      // No chunk after the progress although more were said to be stored: nothing is there to
      // index (never expected), and asking again would spin.
      indexed.set(next[0], reached === before ? next[1] : reached);
      retryMs = firstRetryMs;
    } catch (error) {
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      schedule(retryMs);
      retryMs = Math.min(maxRetryMs, retryMs * 2);
      return;
    }
  }
  forgetEnded();
  answerDrains();
  if (next !== undefined) schedule();
}

function isIndexed(sessionId: string, seq: number): boolean {
  return (indexed.get(sessionId) ?? 0) >= seq;
}

function answerDrains(): void {
  for (let at = drains.length - 1; at >= 0; at--) {
    const drain = drains[at];
    if (drain === undefined || ![...drain.upTo].every(([id, seq]) => isIndexed(id, seq))) continue;
    drains.splice(at, 1);
    post({ type: 'drained', id: drain.id });
  }
}

function forgetEnded(): void {
  for (const sessionId of ended) {
    if (!isIndexed(sessionId, stored.get(sessionId) ?? 0)) continue;
    // Indexed to its end: no drain waits for it any more (its counts go with it).
    for (const drain of drains) drain.upTo.delete(sessionId);
    ended.delete(sessionId);
    stored.delete(sessionId);
    indexed.delete(sessionId);
    indexer.forget(sessionId);
  }
}

parentPort?.on('message', (message: ToIndexWorker) => {
  if (message.type === 'stored') storedUpTo(message.sessionId, message.seq);
  else if (message.type === 'ended') ended.add(message.sessionId);
  else drains.push({ id: message.id, upTo: new Map(stored) });
  schedule();
});

// What an earlier host stored and did not see indexed (it was killed, or closed mid-way).
for (const session of indexer.behind()) {
  storedUpTo(session.sessionId, session.stored);
  ended.add(session.sessionId);
}
schedule();
