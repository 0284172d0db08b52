import { useState } from 'react';
import type { Environment } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { useKeychain } from '../secrets/use-keychain';

/**
 * "Remember secret": a secret's value sealed by the OS keychain, so runs in this environment need
 * not ask for it. Only the desktop app can seal; elsewhere the option is shown disabled with why.
 */
export function RememberedSecrets({ environment }: { environment: Environment }) {
  const { client } = useHost();
  const keychain = useKeychain();
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>(undefined);
  if (environment.secretNames.length === 0) return null;

  const remember = async (name: string) => {
    if (!keychain.available || client === undefined) return;
    const sealed = await keychain.keychain.seal(values[name] ?? '');
    await client.call('environments.rememberSecret', { id: environment.id, name, sealed });
    setValues((current) => ({ ...current, [name]: '' }));
  };
  const run = (work: Promise<unknown> | undefined) => {
    setError(undefined);
    work?.catch((failure: unknown) => setError(describeError(failure)));
  };

  return (
    <fieldset className="remembered-secrets">
      <legend>Secrets</legend>
      {!keychain.available && <p className="muted">Remember secret is off: {keychain.reason}.</p>}
      {environment.secretNames.map((name) => {
        const remembered = environment.rememberedSecrets.includes(name);
        return (
          <div key={name} className="variable-row">
            <code>{name}</code>
            <span className="muted">{remembered ? 'remembered in the keychain' : 'asked at each run'}</span>
            <input
              type="password"
              aria-label={`Value of ${name} to remember`}
              autoComplete="off"
              disabled={!keychain.available}
              value={values[name] ?? ''}
              onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
            />
            <button
              type="button"
              disabled={!keychain.available || (values[name] ?? '') === ''}
              title={keychain.available ? undefined : keychain.reason}
              onClick={() => run(remember(name))}
            >
              Remember secret
            </button>
            {remembered && (
              <button
                type="button"
                onClick={() => run(client?.call('environments.forgetSecret', { id: environment.id, name }))}
              >
                Forget
              </button>
            )}
          </div>
        );
      })}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
