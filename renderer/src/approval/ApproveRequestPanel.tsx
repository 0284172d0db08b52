import { useState } from 'react';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { downloadTextFile } from '../library/download-file';
import { rememberedKeyPath, rememberKeyPath } from '../reports/KeyChoice';
import './approval.css';

/**
 * The approver's side on their own Handrail (docs/approval.md): read an exported approval
 * request, sign its plan's hash with their SSH key or this data folder's Handrail key, and save
 * the approval file for the operator to import. Nothing is stored here.
 */
export function ApproveRequestPanel() {
  const { client } = useHost();
  const [request, setRequest] = useState<{ name: string; text: string } | undefined>(undefined);
  const [name, setName] = useState('');
  const [role, setRole] = useState('Change approver');
  const [keyPath, setKeyPath] = useState(rememberedKeyPath);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [signed, setSigned] = useState<{ fileName: string; planSha256: string } | undefined>(undefined);
  if (client === undefined) return null;

  const sign = () => {
    if (request === undefined) return;
    setBusy(true);
    setError(undefined);
    const key = keyPath.trim() === '' ? ({ kind: 'handrail' } as const) : { kind: 'ssh' as const, keyPath };
    if (key.kind === 'ssh') rememberKeyPath(keyPath);
    client.call('approvals.signRequest', { request: request.text, name, role, key }).then(
      (result) => {
        setBusy(false);
        setSigned({ fileName: result.fileName, planSha256: result.planSha256 });
        downloadTextFile(result.fileName, result.approval);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(describeError(failure));
      },
    );
  };

  return (
    <details className="approve-request" data-testid="approve-request">
      <summary>Approve a request from another Handrail</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          sign();
        }}
      >
        <label className="field">
          <span>Approval request</span>
          <input
            type="file"
            aria-label="Approval request"
            accept=".json,application/json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              setSigned(undefined);
              file?.text().then(
                (text) => setRequest({ name: file.name, text }),
                (failure: unknown) => setError(describeError(failure)),
              );
            }}
          />
        </label>
        {request !== undefined && <p className="muted">Request: {request.name}</p>}
        <label className="field">
          <span>Approver name</span>
          <input value={name} onChange={(event) => setName(event.target.value)} aria-label="Approver name" />
        </label>
        <label className="field">
          <span>Role</span>
          <input value={role} onChange={(event) => setRole(event.target.value)} aria-label="Approver role" />
        </label>
        <label className="field">
          <span>SSH key path (empty: this Handrail&apos;s own key)</span>
          <input
            value={keyPath}
            onChange={(event) => setKeyPath(event.target.value)}
            aria-label="Approver key path"
          />
        </label>
        <button type="submit" disabled={busy || request === undefined || name.trim() === ''}>
          Sign approval
        </button>
      </form>
      {signed !== undefined && (
        <p data-testid="approval-signed">
          Approved plan sha256 <code>{signed.planSha256}</code>: saved as {signed.fileName}. Send it to the
          operator.
        </p>
      )}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
