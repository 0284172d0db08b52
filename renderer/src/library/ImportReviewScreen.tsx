import { useState } from 'react';
import type { RunbookSummary } from '../../../shared/contract/index';
import { ledgerSummary, type ImportReview, type LedgerEntry } from '../../../shared/runbook/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from './describe-error';
import type { GuideText } from './read-guide-file';
import { RunbookOutline } from './RunbookOutline';

interface ImportReviewProps {
  input: GuideText;
  review: ImportReview;
  onAccepted(runbook: RunbookSummary): void;
  onCancel(): void;
}

/** Everything the import found, with source lines, and what it could not place. Accept stores it. */
export function ImportReviewScreen({ input, review, onAccepted, onCancel }: ImportReviewProps) {
  const { client } = useHost();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const { runbook, warnings } = review;
  const counts = countItems(review);

  const accept = async () => {
    if (client === undefined) return;
    setBusy(true);
    try {
      onAccepted(await client.call('runbooks.importAccept', input));
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <section className="import-review" aria-label="Import review">
      <header className="runbook-header">
        <h1>Review import: {runbook.title}</h1>
      </header>
      <p className="muted">
        From {review.fileName} ({review.format}): {counts.phase} phases, {counts.step} steps, {counts.command}{' '}
        commands, {counts.warning} warnings. Nothing is saved until you accept.
      </p>
      <p className="ledger-summary" aria-label="Ledger summary">
        {ledgerSummary(review.ledger)}
      </p>
      <div className="actions">
        <button type="button" onClick={() => void accept()} disabled={busy}>
          Accept
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
      {error !== undefined && (
        <p className="error" role="alert">
          Could not save: {error}
        </p>
      )}
      <section aria-label="Import warnings">
        <h2>Ambiguous or dropped ({warnings.length})</h2>
        {warnings.length === 0 ? (
          <p className="muted">The importer placed everything.</p>
        ) : (
          <ul className="diagnostics">
            {warnings.map((warning, index) => (
              <li key={index} className={`diagnostic diagnostic-${warning.severity}`}>
                <span className="source-line">line {warning.line}</span> {warning.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      <LedgerList ledger={review.ledger} />
      {runbook.variables.length > 0 && (
        <section aria-label="Variables">
          <h2>Variables</h2>
          <ul>
            {runbook.variables.map((variable) => (
              <li key={variable.name}>
                <code>{variable.name}</code> {variable.description}
                {variable.default !== undefined && (
                  <span className="muted"> (default {variable.default})</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <RunbookOutline runbook={runbook} showLines />
    </section>
  );
}

const outcomeLabels: Record<LedgerEntry['outcome'], string> = {
  command: 'command',
  shown: 'shown',
  note: 'note',
  step: 'step',
  text: 'kept as text',
  warning: 'warning',
  unexplained: 'unexplained (an importer bug)',
};

/** Every counted block of the guide and what became of it, so nothing is lost unseen. */
function LedgerList({ ledger }: { ledger: LedgerEntry[] }) {
  if (ledger.length === 0) return null;
  return (
    <details className="import-ledger">
      <summary>Every block of the guide ({ledger.length})</summary>
      <table aria-label="Block ledger">
        <thead>
          <tr>
            <th scope="col">Lines</th>
            <th scope="col">Block</th>
            <th scope="col">Became</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {ledger.map((entry, index) => (
            <tr key={index} className={`ledger-${entry.outcome}`}>
              <td className="source-line">
                {entry.line === entry.endLine ? `line ${entry.line}` : `lines ${entry.line}–${entry.endLine}`}
              </td>
              <td>{entry.kind}</td>
              <td>{outcomeLabels[entry.outcome]}</td>
              <td>{entry.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function countItems(review: ImportReview): Record<'phase' | 'step' | 'command' | 'warning', number> {
  const counts = { phase: 0, step: 0, command: 0, warning: 0 };
  for (const item of review.items) if (item.kind in counts) counts[item.kind as keyof typeof counts] += 1;
  return counts;
}
