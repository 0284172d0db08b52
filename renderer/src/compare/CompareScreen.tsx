import type { ReferenceCandidate, RunComparison } from '../../../shared/contract/index';
import { formatDuration, formatTime } from '../format/time';
import { PracticeBadge } from '../run-screen/PracticeBanner';
import { ComparisonTable } from './ComparisonTable';
import { useComparison } from './use-comparison';
import './compare.css';

interface CompareScreenProps {
  runId: string;
  referenceId: string | undefined;
  onReference(referenceId: string): void;
}

/** A run beside a reference run of the same runbook: per step, totals, the biggest time differences. */
export function CompareScreen({ runId, referenceId, onReference }: CompareScreenProps) {
  const { candidates, comparison, error } = useComparison(runId, referenceId);
  return (
    <section className="section-full compare-screen" aria-label="Compare runs">
      <header className="runs-header">
        <h1>Compare with a reference run</h1>
        <a href={`#/review/${runId}`}>Back to the review</a>
      </header>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {candidates !== undefined && candidates.length === 0 && (
        <p className="muted">No other run of this runbook yet, here or imported.</p>
      )}
      {candidates !== undefined && candidates.length > 0 && (
        <label className="reference-choice">
          Reference run
          <select value={referenceId ?? ''} onChange={(event) => onReference(event.target.value)}>
            <option value="" disabled>
              Choose a run of the same runbook…
            </option>
            {candidates.map((candidate) => (
              <option key={candidate.runId} value={candidate.runId}>
                {describeCandidate(candidate)}
              </option>
            ))}
          </select>
        </label>
      )}
      {comparison !== undefined && <Comparison comparison={comparison} />}
    </section>
  );
}

function describeCandidate(candidate: ReferenceCandidate): string {
  const mode = candidate.mode === 'practice' ? 'practice, ' : '';
  const origin = candidate.origin === 'imported' ? ', imported' : '';
  return `${formatTime(candidate.createdAt)} · r${candidate.revision} · ${candidate.environmentName} (${mode}${candidate.status}) · ${candidate.operator}${origin}`;
}

function Comparison({ comparison }: { comparison: RunComparison }) {
  const { run, reference, totals } = comparison;
  const rows: Array<[string, (side: RunComparison['totals']['run']) => string]> = [
    ['Duration', (side) => formatDuration(side.durationSeconds)],
    ['Paused', (side) => formatDuration(side.pausedSeconds)],
    ['Time in steps', (side) => formatDuration(side.stepSeconds)],
    ['Succeeded', (side) => String(side.counts.succeeded ?? 0)],
    ['Failed', (side) => String(side.counts.failed ?? 0)],
    ['Skipped', (side) => String(side.counts.skipped ?? 0)],
    ['Attempts', (side) => String(side.attempts)],
    ['Commands edited', (side) => String(side.commandsEdited)],
    ['Notes', (side) => String(side.notes)],
  ];
  return (
    <>
      <table className="runs-table compare-totals" aria-label="Totals">
        <thead>
          <tr>
            <th />
            <th>
              This run · revision {run.revision} · {run.operator}{' '}
              {run.mode === 'practice' && <PracticeBadge />}
            </th>
            <th>
              Reference · revision {reference.revision} · {reference.operator}{' '}
              {reference.mode === 'practice' && <PracticeBadge />}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value(totals.run)}</td>
              <td>{value(totals.reference)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.revision !== reference.revision && (
        <p className="muted" data-testid="revision-note">
          Different revisions ({run.revision} and {reference.revision}): steps are matched by their ids;
          added, removed and changed steps are marked.
        </p>
      )}
      <section aria-label="Biggest time differences">
        <h2>Biggest time differences</h2>
        {comparison.biggestTimeDifferences.length === 0 ? (
          <p className="muted">No matched step took a different time.</p>
        ) : (
          <ol>
            {comparison.biggestTimeDifferences.map((item) => (
              <li key={item.key} data-testid="time-difference">
                {item.title}: {formatDuration(item.runSeconds)} vs {formatDuration(item.referenceSeconds)} (
                {item.deltaSeconds > 0 ? '+' : '−'}
                {formatDuration(Math.abs(item.deltaSeconds))})
              </li>
            ))}
          </ol>
        )}
      </section>
      <ComparisonTable rows={comparison.rows} />
    </>
  );
}
