import { useCallback, useEffect, useState } from 'react';
import type { TrustSetting } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';

/**
 * Whose signatures this workspace trusts: the path of the team's OpenSSH allowed_signers file
 * (as git's gpg.ssh.allowedSignersFile), read by the host at each verification. A typed path,
 * since browser mode has no file picker that yields one; a file that does not read or parse is
 * refused with its file and line.
 */
export function TrustSettingPanel({ onChanged }: { onChanged?: () => void }) {
  const { client } = useHost();
  const [setting, setSetting] = useState<TrustSetting | undefined>(undefined);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    client?.call('trust.get', {}).then(
      (current) => {
        setSetting(current);
        setPath(current.path ?? '');
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [client]);
  useEffect(load, [load]);

  const save = (next: string | null) => {
    if (client === undefined) return;
    setBusy(true);
    setError(undefined);
    client
      .call('trust.set', { path: next })
      .then(
        (current) => {
          setSetting(current);
          setPath(current.path ?? '');
          onChanged?.();
        },
        (failure: unknown) => setError(describeError(failure)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="reports-panel" aria-label="Trusted signers">
      <h2>Trusted signers</h2>
      <p className="muted">
        Your team&apos;s allowed_signers file (OpenSSH&apos;s format, the one{' '}
        <code>ssh-keygen -Y verify</code> and git use). A signature counts only if its key is in this file for
        the name it signed as; never use a file that came with the document.
      </p>
      <form
        className="trust-form"
        onSubmit={(event) => {
          event.preventDefault();
          save(path.trim() === '' ? null : path.trim());
        }}
      >
        <label className="field">
          <span>allowed_signers file (full path on the host)</span>
          <input
            type="text"
            value={path}
            spellCheck={false}
            placeholder="/home/you/.config/git/allowed_signers"
            onChange={(event) => setPath(event.target.value)}
            disabled={busy || client === undefined}
          />
        </label>
        <button type="submit" disabled={busy || client === undefined}>
          Use this file
        </button>
        {setting?.path !== null && setting !== undefined && (
          <button type="button" disabled={busy} onClick={() => save(null)}>
            Stop trusting any file
          </button>
        )}
      </form>
      {error !== undefined && (
        <p className="error" role="alert" data-testid="trust-error">
          {error}
        </p>
      )}
      {setting !== undefined && <TrustState setting={setting} />}
    </section>
  );
}

function TrustState({ setting }: { setting: TrustSetting }) {
  if (setting.path === null)
    return (
      <p className="warn" data-testid="trust-state" data-state="unset">
        No allowed_signers file: signatures are checked, but nobody&apos;s key is trusted, so nothing is
        VALID.
      </p>
    );
  if (setting.problem !== null)
    return (
      <p className="error" data-testid="trust-state" data-state="broken">
        <code>{setting.path}</code> cannot be used now: {setting.problem}
      </p>
    );
  return (
    <p data-testid="trust-state" data-state="set">
      Trusting <strong data-testid="trust-keys">{setting.keys}</strong> {setting.keys === 1 ? 'key' : 'keys'}{' '}
      from <code data-testid="trust-path">{setting.path}</code>, read again at each verification.
    </p>
  );
}
