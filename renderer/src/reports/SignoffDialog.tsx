import { useEffect, useRef, useState } from 'react';
import type { RunReview, SignatureInfo, SigningKeyChoice } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { signerIdentity } from '../../../shared/report/signer-principal';
import { defaultKeyChoice, KeyChoice, rememberKeyPath } from './KeyChoice';
import { signoffSummary } from './signoff-summary';
import { SignoffSummaryView } from './SignoffSummaryView';
import './reports.css';
import { ModalForm } from '../run-screen/ModalForm';

export interface SignoffRequest {
  runId: string;
  /** `review`: a mentor's review sign-off (needs an assessment; signs the review's entries). */
  kind: 'gate' | 'final' | 'countersign' | 'review';
  /** The gate being signed (kind `gate`). */
  stepKey?: string;
  /** What is being signed, for the title: a gate's title, or the run's. */
  subject: string;
  initialName?: string;
  /** A hint for the role field (the signer still types the role). */
  rolePlaceholder?: string;
}

const titles = {
  gate: 'Sign the gate',
  final: 'Final sign-off',
  countersign: 'Countersign',
  review: 'Sign the review',
} as const;

/**
 * Signing off: the signer states name and role, reads the run's summary, chooses the key and
 * signs. The host records the sign-off and signs the run record with its event log's head; the
 * dialog closes only when that worked, and shows ssh-keygen's trouble (passphrase, no key) if not.
 */
export function SignoffDialog({
  request,
  onClose,
  onSigned,
}: {
  request: SignoffRequest;
  onClose(): void;
  onSigned?(signature: SignatureInfo): void;
}) {
  const { client } = useHost();
  const [name, setName] = useState(request.initialName ?? '');
  const [role, setRole] = useState('');
  const [key, setKey] = useState<SigningKeyChoice>(defaultKeyChoice);
  const [review, setReview] = useState<RunReview | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    client
      ?.call('reports.review', { runId: request.runId })
      .then(setReview, (failure: unknown) => setError(describeError(failure)));
  }, [client, request.runId]);

  const ready = name.trim() !== '' && (key.kind === 'handrail' || key.keyPath.trim() !== '');
  const sign = () => {
    if (client === undefined || !ready || busy) return;
    setBusy(true);
    setError(undefined);
    const chosen: SigningKeyChoice = key.kind === 'ssh' ? { kind: 'ssh', keyPath: key.keyPath.trim() } : key;
    client
      .call('reports.sign', {
        runId: request.runId,
        kind: request.kind,
        ...(request.stepKey === undefined ? {} : { stepKey: request.stepKey }),
        name,
        role,
        key: chosen,
      })
      .then(
        (signature) => {
          if (chosen.kind === 'ssh') rememberKeyPath(chosen.keyPath);
          onSigned?.(signature);
          onClose();
        },
        (failure: unknown) => {
          setBusy(false);
          setError(describeError(failure));
        },
      );
  };

  const title = `${titles[request.kind]}: ${request.subject}`;
  return (
    <ModalForm title={title} className="signoff-dialog" onClose={onClose} onSubmit={sign}>
      <h2>{title}</h2>
      <div className="field-row">
        <label className="field grow">
          <span>Name</span>
          <input ref={first} aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field grow">
          <span>Role</span>
          <input
            aria-label="Role"
            placeholder={request.rolePlaceholder ?? 'operator, change manager, auditor…'}
            value={role}
            onChange={(e) => setRole(e.target.value)}
          />
        </label>
      </div>
      {review === undefined ? (
        <p className="muted">Reading the run…</p>
      ) : (
        <SignoffSummaryView summary={signoffSummary(review.detail, review.deviations)} />
      )}
      <KeyChoice choice={key} identity={signerIdentity(name)} onChange={setKey} />
      <p className="muted">
        The signature covers the run record and the head of its event log
        {request.kind === 'review' ? ', and every review entry so far' : ''}; your name, role and the time are
        part of what is signed.
      </p>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={!ready || busy}>
          {busy ? 'Signing…' : 'Sign'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalForm>
  );
}
