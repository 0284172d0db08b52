import { useEffect, useState } from 'react';
import type { SigningKeyChoice } from '../../../shared/contract/index';
import { allowedSignerLine, signatureNamespace } from '../../../shared/report/signer-principal';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';

interface HandrailKey {
  fingerprint: string;
  publicKey: string;
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

/** The key a sign-off starts with: the signer's own (a machine's key says which machine, not who). */
export function defaultKeyChoice(): SigningKeyChoice {
  return { kind: 'ssh', keyPath: rememberedKeyPath() };
}

/**
 * Which key signs: the signer's own SSH key by path (ssh-agent and hardware keys work), or
 * Handrail's key on this machine. Either way the dialog shows the principal the report will check
 * the signature under (`identity`, from the signer's name) and the allowed-signers line a verifier
 * needs, so following the dialog and following the report give the same check.
 */
export function KeyChoice({
  choice,
  identity,
  onChange,
}: {
  choice: SigningKeyChoice;
  /** The signer's principal (shared/report/signer-principal.ts), from the name typed. */
  identity: string;
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
  const handrailLine = key === undefined ? '' : allowedSignerLine(identity, key.publicKey);
  const copy = () => {
    if (key === undefined) return;
    navigator.clipboard.writeText(handrailLine).then(
      () => setCopied(true),
      () => setError('the clipboard refused; select the line and copy it by hand'),
    );
  };

  return (
    <fieldset className="key-choice">
      <legend>Signing key</legend>
      <p className="muted">
        Signatures are checked under the principal <code data-testid="signer-principal">{identity}</code>.
      </p>
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
        <div className="key-details">
          <label className="field">
            <span>Full path to the key (a .pub file works when ssh-agent holds the key)</span>
            <input
              aria-label="SSH key path"
              autoComplete="off"
              placeholder="/home/me/.ssh/id_ed25519"
              value={choice.keyPath}
              onChange={(event) => onChange({ kind: 'ssh', keyPath: event.target.value })}
            />
          </label>
          <p>
            A verifier’s allowed_signers file needs this line, your public key (the .pub file’s content) at
            its end:{' '}
            <code data-testid="ssh-allowed-signer">
              {identity} namespaces="{signatureNamespace}" {'<your public key>'}
            </code>
          </p>
        </div>
      )}
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
                  value={handrailLine}
                />
              </label>
              <button type="button" className="small" onClick={copy}>
                {copied ? 'Copied' : 'Copy line'}
              </button>
              <p className="muted">
                This key is the machine’s: a signature with it shows which Handrail installation signed, not
                which person.
              </p>
            </>
          )}
        </div>
      )}
    </fieldset>
  );
}
