import { useCallback, useEffect, useState } from 'react';
import type { Result, RunReview, StepState } from '../../../shared/contract/index';
import { KindBadge } from '../environments/KindBadge';
import { formatTime } from '../format/time';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { NoteList } from '../run-screen/NoteList';
import { StatusIcon, statusLabels } from '../run-screen/status-icon';
import { ExportButtons } from './ExportButtons';
import { SignatureList } from './SignatureList';
import { signoffSummary } from './signoff-summary';
import { SignoffDialog } from './SignoffDialog';
import { SignoffSummaryView } from './SignoffSummaryView';
import './reports.css';

/**
 * A run imported for review, read-only: what was done, by whom, the deviations and signatures;
 * the reviewer countersigns it here and exports it again with every signature.
 */
export function ImportedRunScreen({ runId }: { runId: string }) {
  const { client } = useHost();
  const [review, setReview] = useState<RunReview | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [signing, setSigning] = useState(false);
  const [trust, setTrust] = useState<Result<'trust.signatures'> | undefined>(undefined);
  const [trustError, setTrustError] = useState<string | undefined>(undefined);
  const load = useCallback(() => {
    client
      ?.call('reports.review', { runId })
      .then(setReview, (failure: unknown) => setError(describeError(failure)));
    // Judged apart from the review: a broken trust file is named here, and the run still shows.
    client?.call('trust.signatures', { runId }).then(
      (judged) => {
        setTrust(judged);
        setTrustError(undefined);
      },
      (failure: unknown) => setTrustError(describeError(failure)),
    );
  }, [client, runId]);
  useEffect(load, [load]);

  if (review === undefined)
    return (
      <p className={error === undefined ? 'muted section-full' : 'error section-full'}>
        {error ?? 'Loading the run…'}
      </p>
    );
  const { run, steps, notes } = review.detail;
  return (
    <section className="section-full imported-run" aria-label="Imported run">
      <header className="run-report-bar">
        <h1>{run.runbookTitle}</h1>
        <span className="muted">revision {run.revision}</span>
        <span>
          {run.environment.name} <KindBadge kind={run.environment.kind} colour={run.environment.colour} />
        </span>
        <span className="badge">{run.mode}</span>
        <span className={`run-status run-status-${run.status}`}>{run.status}</span>
        <span className="badge">{review.imported ? 'imported, read-only' : 'a run of this data folder'}</span>
      </header>
      <p className="muted">
        Started {formatTime(run.createdAt)}
        {run.endedAt === null ? '' : `, ended ${formatTime(run.endedAt)}`}; operators{' '}
        {run.operators.map((operator) => operator.name).join(', ')}.
      </p>
      <div className="run-report-bar">
        <button type="button" onClick={() => setSigning(true)}>
          Countersign
        </button>
        <ExportButtons runId={runId} />
      </div>
      <h2>Signatures</h2>
      {trust !== undefined && (
        <p className="muted" data-testid="signatures-trust-file">
          {trust.trustFile === null
            ? 'No allowed_signers file is set for this workspace: no key below is judged.'
            : `Keys judged by ${trust.trustFile}.`}
        </p>
      )}
      {trustError !== undefined && <p className="error">{trustError}</p>}
      <SignatureList
        signatures={review.signatures}
        trust={trust?.signatures.length === review.signatures.length ? trust.signatures : undefined}
      />
      <h2>Summary</h2>
      <SignoffSummaryView summary={signoffSummary(review.detail, review.deviations)} />
      <h2>Steps</h2>
      <table className="runs-table" aria-label="Steps">
        <thead>
          <tr>
            <th>Step</th>
            <th>Status</th>
            <th>Who, when</th>
            <th>Attempts</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.key} data-testid="imported-step" data-status={step.status}>
              <td>{step.title}</td>
              <td>
                <StatusIcon status={step.status} /> {statusLabels[step.status]}
                {reasonOf(step) === null ? '' : `: ${reasonOf(step)}`}
              </td>
              <td>{whoWhen(step)}</td>
              <td>{step.attempts.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Notes</h2>
      <NoteList notes={notes} empty="No notes." />
      {signing && (
        <SignoffDialog
          request={{ runId, kind: 'countersign', subject: run.runbookTitle }}
          onClose={() => setSigning(false)}
          onSigned={load}
        />
      )}
    </section>
  );
}

function reasonOf(step: StepState): string | null {
  return step.skipReason ?? step.failReason ?? step.unknownReason;
}

function whoWhen(step: StepState): string {
  if (step.signoff !== null) return `${step.signoff.name}, ${formatTime(step.signoff.at)}`;
  const last = step.attempts.at(-1);
  if (last === undefined) return '';
  return `${last.operator}, ${formatTime(last.endedAt ?? last.startedAt)}`;
}
