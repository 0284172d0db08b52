import { useCallback, useEffect, useState } from 'react';
import type { SignatureInfo } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';

/** A run's signatures, read again whenever the run changes (a gate signed in another window). */
export function useSignatures(runId: string): {
  signatures: SignatureInfo[] | undefined;
  error: string | undefined;
  reload(): void;
} {
  const { client } = useHost();
  const [signatures, setSignatures] = useState<SignatureInfo[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const reload = useCallback(() => {
    client?.call('reports.signatures', { runId }).then(
      (list) => {
        setSignatures(list);
        setError(undefined);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [client, runId]);
  useEffect(() => {
    reload();
    return client?.on('runs.changed', (update) => {
      if (update.run.id === runId) reload();
    });
  }, [client, runId, reload]);
  return { signatures, error, reload };
}
