import { z } from 'zod';
import { method, noParams } from './define';
import { runEvent, runId, runSummary } from './runs';

/**
 * The run reads that are not a screen's view of one run (that is run-view.ts): the runs list,
 * a run's events and the check of its hash chain. Split from runs.ts, which holds the actions.
 */
export const runReadMethods = {
  'runs.list': method(noParams, z.array(runSummary)),
  'runs.events': method(
    z.strictObject({
      id: runId,
      afterSeq: z.number().int().min(-1).default(-1),
      limit: z.number().int().positive().max(10_000).default(1000),
      /** For display (the run screen's timeline): payload strings cut short, hashes not checkable. */
      brief: z.boolean().default(false),
    }),
    z.array(runEvent),
  ),
  /** Recomputes every hash of the log and rebuilds the state from it. */
  'runs.verify': method(
    z.strictObject({ id: runId }),
    z.object({
      valid: z.boolean(),
      events: z.number().int().nonnegative(),
      headHash: z.string(),
      /** The first event whose hash or link does not hold. */
      firstBadSeq: z.number().int().nullable(),
      problem: z.string().nullable(),
    }),
  ),
};
