import { useEffect, useState } from 'react';
import type { ReferenceCandidate, RunComparison } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';

/** The runs a run can be compared with, and the comparison with the chosen one. */
export function useComparison(
  runId: string,
  referenceId: string | undefined,
): {
  candidates: ReferenceCandidate[] | undefined;
  comparison: RunComparison | undefined;
  error: string | undefined;
} {
  const { client } = useHost();
  const [candidates, setCandidates] = useState<ReferenceCandidate[] | undefined>(undefined);
  const [comparison, setComparison] = useState<RunComparison | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (client === undefined) return;
    let live = true;
    client.call('reviews.references', { runId }).then(
      (list) => live && setCandidates(list),
      (failure: unknown) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [client, runId]);
  useEffect(() => {
    setComparison(undefined);
    if (client === undefined || referenceId === undefined) return;
    let live = true;
    client.call('reviews.compare', { runId, referenceRunId: referenceId }).then(
      (result) => {
        if (!live) return;
        setComparison(result);
        setError(undefined);
      },
      (failure: unknown) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [client, runId, referenceId]);
  return { candidates, comparison, error };
}
