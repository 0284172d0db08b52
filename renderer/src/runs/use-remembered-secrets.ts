import { useEffect, useState } from 'react';
import { useHost } from '../host-client/HostProvider';
import { useKeychain } from '../secrets/use-keychain';

/**
 * Secret values remembered for the environment, opened with the OS keychain (desktop app only);
 * empty in browser mode, where the operator types them.
 */
export function useRememberedSecrets(environmentId: string | undefined): Record<string, string> {
  const { client } = useHost();
  const keychain = useKeychain();
  const [values, setValues] = useState<Record<string, string>>({});
  useEffect(() => {
    setValues({});
    if (!keychain.available || client === undefined || environmentId === undefined) return;
    let live = true;
    const load = async () => {
      const sealed = await client.call('environments.sealedSecrets', { id: environmentId });
      const opened: Record<string, string> = {};
      for (const [name, blob] of Object.entries(sealed)) opened[name] = await keychain.keychain.open(blob);
      if (live) setValues(opened);
    };
    load().catch(() => undefined); // a value that does not open is asked for instead
    return () => {
      live = false;
    };
  }, [client, keychain, environmentId]);
  return values;
}
