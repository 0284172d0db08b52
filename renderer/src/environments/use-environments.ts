import { useCallback, useEffect, useState } from 'react';
import type { Environment } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';

/** Every environment, reloaded whenever the host says one changed. */
export function useEnvironments(): {
  environments: Environment[] | undefined;
  error: string | undefined;
  reload: () => void;
} {
  const { client } = useHost();
  const [environments, setEnvironments] = useState<Environment[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const reload = useCallback(() => {
    client?.call('environments.list', {}).then(
      (list) => {
        setEnvironments(list);
        setError(undefined);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [client]);
  useEffect(() => {
    reload();
    return client?.on('environments.changed', reload);
  }, [client, reload]);
  return { environments, error, reload };
}
