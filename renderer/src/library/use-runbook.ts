import { useCallback, useEffect, useState } from 'react';
import type { RunbookDetail } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from './describe-error';

/** The runbook with its newest revision, reloaded whenever the host says it changed. */
export function useRunbook(id: string): { runbook: RunbookDetail | undefined; error: string | undefined } {
  const { client } = useHost();
  const [runbook, setRunbook] = useState<RunbookDetail | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const load = useCallback(
    (signal?: AbortSignal) => {
      if (client === undefined) return;
      client.call('runbooks.get', { id }, signal === undefined ? {} : { signal }).then(
        (detail) => {
          setRunbook(detail);
          setError(undefined);
        },
        (failure: unknown) => {
          if (!signal?.aborted) setError(describeError(failure));
        },
      );
    },
    [client, id],
  );

  useEffect(() => {
    setRunbook(undefined);
    setError(undefined);
    const controller = new AbortController();
    load(controller.signal);
    const stop = client?.on('runbooks.changed', (event) => {
      if (event.id === id && event.change !== 'deleted') load();
    });
    return () => {
      controller.abort();
      stop?.();
    };
  }, [client, id, load]);

  return { runbook, error };
}
