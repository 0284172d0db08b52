import { z } from 'zod';
import { method } from './define';
import { runId, stepStatus } from './runs';
import { terminalId } from './terminals';

/**
 * Replay (issue 9, part 5): a run's terminal sessions played back from their stored transcripts,
 * with where each step started and ended on the session's time line. Times are ms since the
 * session started, the clock the transcript is stored in.
 */
export const replaySession = z.object({
  id: terminalId,
  title: z.string(),
  kind: z.enum(['local', 'ssh']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  cols: z.number().int().positive(),
  rows: z.number().int().positive(),
  /** The last chunk's time: how long the replay runs. */
  durationMs: z.number().nonnegative(),
  chunkCount: z.number().int().nonnegative(),
  /** Each resize of the terminal: output from byte `offset` on was written at that size. */
  resizes: z.array(
    z.object({
      offset: z.number().int().nonnegative(),
      cols: z.number().int().positive(),
      rows: z.number().int().positive(),
    }),
  ),
});
export type ReplaySession = z.infer<typeof replaySession>;

/** One attempt of a step, placed on a session's time line (null where it is not on one). */
export const replaySpan = z.object({
  stepKey: z.string(),
  title: z.string(),
  attempt: z.number().int().positive(),
  status: stepStatus,
  sessionId: terminalId.nullable(),
  startMs: z.number().nonnegative().nullable(),
  /** null: still open when the transcript ends. */
  endMs: z.number().nonnegative().nullable(),
});
export type ReplaySpan = z.infer<typeof replaySpan>;

export const replayOutline = z.object({
  runId,
  runbookTitle: z.string(),
  environmentName: z.string(),
  /** An imported bundle: its steps, but no transcript (bundles do not carry them yet). */
  imported: z.boolean(),
  sessions: z.array(replaySession),
  spans: z.array(replaySpan),
});
export type ReplayOutline = z.infer<typeof replayOutline>;

export const replayChunk = z.object({
  seq: z.number().int().positive(),
  /** Where the chunk starts in the session's stream (bytes). */
  offset: z.number().int().nonnegative(),
  atMs: z.number().nonnegative(),
  /** The bytes the terminal wrote (secrets already masked), base64: a chunk may end mid-character. */
  data: z.string(),
});
export type ReplayChunk = z.infer<typeof replayChunk>;

export const replayMethods = {
  'replay.outline': method(z.strictObject({ runId }), replayOutline),
  /** A page of a session's transcript after `afterSeq`: up to `limit` chunks and about 1 MiB. */
  'replay.chunks': method(
    z.strictObject({
      sessionId: terminalId,
      afterSeq: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(2000).default(500),
    }),
    z.object({ chunks: z.array(replayChunk), done: z.boolean() }),
  ),
};
