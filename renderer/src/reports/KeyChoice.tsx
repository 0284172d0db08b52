import { useEffect, useState } from 'react';
import type { SigningKeyChoice } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';

interface HandrailKey {
  fingerprint: string;
  allowedSigner: string;
}

/** The last SSH key path used to sign on this machine, so the signer need not type it again. */
const keyPathStorage = 'handrail.signingKeyPath';

export function rememberedKeyPath(): string {
  try {
    return window.localStorage.getItem(keyPathStorage) ?? '';
  } catch {
    return '';
  }
}

export function rememberKeyPath(path: string): void {
  try {
    window.localStorage.setItem(keyPathStorage, path.trim());
  } catch {
    // not remembered; asked again next time
  }
}

/**
 * Which key signs: Handrail's own (its fingerprint and the allowed-signers line a verifier needs
 * are shown to copy) or the signer's SSH key by path (ssh-agent and hardware keys work).
 */
export function KeyChoice({
  choice,
  onChange,
}: {
  choice: SigningKeyChoice;
  onChange(choice: SigningKeyChoice): void;
}) {
  const { client } = useHost();
  const [key, setKey] = useState<HandrailKey | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    client
      ?.call('reports.signingKey', {})
      .then(setKey, (failure: unknown) => setError(describeError(failure)));
  }, [client]);
  const copy = () => {
    if (key === undefined) return;
    navigator.clipboard.writeText(key.allowedSigner).then(
      () => setCopied(true),
      () => setError('the clipboard refused; select the line and copy it by hand'),
    );
  };

  return (
    <fieldset className="key-choice">
      <legend>Signing key</legend>
      <label className="check">
        <input
          type="radio"
          name="signing-key"
          checked={choice.kind === 'handrail'}
          onChange={() => onChange({ kind: 'handrail' })}
        />
        Handrail’s key on this machine
      </label>
      {choice.kind === 'handrail' && (
        <div className="key-details">
          {key === undefined ? (
            <p className="muted">{error ?? 'Reading the key…'}</p>
          ) : (
            <>
              <p>
                Fingerprint <code data-testid="handrail-fingerprint">{key.fingerprint}</code>
              </p>
              <label className="field">
                <span>Allowed-signers line (give it to whoever verifies)</span>
                <textarea
                  className="code"
                  aria-label="Allowed-signers line"
                  readOnly
                  rows={3}
                  value={key.allowedSigner}
                />
              </label>
              <button type="button" className="small" onClick={copy}>
                {copied ? 'Copied' : 'Copy line'}
              </button>
            </>
          )}
        </div>
      )}
      <label className="check">
        <input
          type="radio"
          name="signing-key"
          checked={choice.kind === 'ssh'}
          onChange={() => onChange({ kind: 'ssh', keyPath: rememberedKeyPath() })}
        />
        My own SSH key
      </label>
      {choice.kind === 'ssh' && (
        <label className="field key-details">
          <span>Full path to the key (a .pub file works when ssh-agent holds the key)</span>
          <input
            aria-label="SSH key path"
            autoComplete="off"
            placeholder="/home/me/.ssh/id_ed25519"
            value={choice.keyPath}
            onChange={(event) => onChange({ kind: 'ssh', keyPath: event.target.value })}
          />
        </label>
      )}
    </fieldset>
  );
}
