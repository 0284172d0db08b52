import { useEffect, useState } from 'react';
import type { RunMode, RunPlan } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';

export interface PlanRequest {
  runbookId: string | undefined;
  revision: number | undefined;
  environmentId: string | undefined;
  mode: RunMode;
}

/** The host's plan for the chosen runbook revision, environment and mode. */
export function usePlan(request: PlanRequest): { plan: RunPlan | undefined; error: string | undefined } {
  const { client } = useHost();
  const [plan, setPlan] = useState<RunPlan | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const { runbookId, revision, environmentId, mode } = request;
  useEffect(() => {
    setPlan(undefined);
    setError(undefined);
    if (client === undefined || runbookId === undefined || environmentId === undefined) return;
    const controller = new AbortController();
    client
      .call(
        'runs.plan',
        { runbookId, environmentId, mode, ...(revision === undefined ? {} : { revision }) },
        { signal: controller.signal },
      )
      .then(setPlan, (failure: unknown) => {
        if (!controller.signal.aborted) setError(describeError(failure));
      });
    return () => controller.abort();
  }, [client, runbookId, revision, environmentId, mode]);
  return { plan, error };
}
