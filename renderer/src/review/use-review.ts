import { useCallback, useEffect, useState } from 'react';
import type { ReviewState, ReviewedRun } from '../../../shared/contract/index';
import type { Step } from '../../../shared/runbook/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';

export interface ReviewHandle {
  reviewed: ReviewedRun | undefined;
  review: ReviewState | undefined;
  /** The pinned revision's steps by id (from the source the run carries: works for imports too). */
  runbookSteps: Map<string, Step>;
  error: string | undefined;
  /** Sends a review action; the answer (the review as the host now has it) replaces the shown one. */
  update(work: Promise<ReviewState>): Promise<void>;
  reload(): void;
}

/** A run in review mode: the run as recorded (read-only) and the review kept beside it. */
export function useReview(runId: string): ReviewHandle {
  const { client } = useHost();
  const [reviewed, setReviewed] = useState<ReviewedRun | undefined>(undefined);
  const [review, setReview] = useState<ReviewState | undefined>(undefined);
  const [runbookSteps, setRunbookSteps] = useState<Map<string, Step>>(() => new Map());
  const [error, setError] = useState<string | undefined>(undefined);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (client === undefined) return;
    let live = true;
    const load = async () => {
      const run = await client.call('reviews.run', { runId });
      const state = await client.call('reviews.get', { runId });
      if (!live) return;
      setReviewed(run);
      setReview(state);
      setError(undefined);
      const { runbook } = await client.call('runbooks.parse', { source: run.runbookSource });
      const byId = new Map<string, Step>();
      for (const phase of runbook?.phases ?? [])
        for (const step of phase.steps) {
          byId.set(step.id, step);
          for (const sub of step.rolling?.steps ?? []) byId.set(sub.id, { ...sub });
        }
      if (live) setRunbookSteps(byId);
    };
    load().catch((failure: unknown) => live && setError(describeError(failure)));
    return () => {
      live = false;
    };
  }, [client, runId, generation]);

  const update = useCallback(async (work: Promise<ReviewState>) => {
    setReview(await work);
  }, []);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { reviewed, review, runbookSteps, error, update, reload };
}
