/** What the host thread tells the index worker (index-worker.ts). */
export type ToIndexWorker =
  /** Chunks of `sessionId` up to `seq` are committed. */
  | { type: 'stored'; sessionId: string; seq: number }
  /** `sessionId` writes no more. */
  | { type: 'ended'; sessionId: string }
  /** Answer `drained` with `id` once everything stored before this message is indexed. */
  | { type: 'drain'; id: number };

/** What the index worker tells the host thread. */
export type FromIndexWorker =
  | { type: 'drained'; id: number }
  /** A transaction failed; it is tried again (nothing is lost: the chunks are stored). */
  | { type: 'failed'; message: string };

/** What the worker is started with. */
export interface IndexWorkerData {
  databasePath: string;
}
