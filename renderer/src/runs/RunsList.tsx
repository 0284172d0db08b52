import { useCallback, useEffect, useState } from 'react';
import type { RunSummary } from '../../../shared/contract/index';
import { KindBadge } from '../environments/KindBadge';
import { formatDuration, formatTime } from '../format/time';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { PracticeBadge } from '../run-screen/PracticeBanner';
import { ImportedRuns } from './ImportedRuns';
import { ExportButtons } from '../reports/ExportButtons';
import { isFinished } from '../reports/RunReportPanel';
import { SignoffDialog } from '../reports/SignoffDialog';
import { rememberedOperator } from './operator-name';
import { TallyLines } from './TallyLines';
import { ApprovalBadge } from '../approval/ApprovalBadge';
import { ApproveRequestPanel } from '../approval/ApproveRequestPanel';
import './runs.css';

/** Every run, newest first: open any; finished ones open read-only. */
export function RunsList({ onOpen, onStart }: { onOpen(id: string): void; onStart(): void }) {
  const { client } = useHost();
  const [runs, setRuns] = useState<RunSummary[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [signing, setSigning] = useState<RunSummary | undefined>(undefined);
  const load = useCallback(() => {
    client?.call('runs.list', {}).then(
      (list) => {
        setRuns([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
        setError(undefined);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [client]);
  useEffect(() => {
    load();
    return client?.on('runs.changed', load);
  }, [client, load]);

  return (
    <section className="section-full" aria-label="Runs">
      <header className="runs-header">
        <h1>Runs</h1>
        <button type="button" onClick={onStart} disabled={client === undefined}>
          Start a run
        </button>
      </header>
      {error !== undefined && <p className="error">{error}</p>}
      {runs?.length === 0 && (
        <p className="muted">No runs yet. Start one from a runbook and an environment.</p>
      )}
      {runs !== undefined && runs.length > 0 && (
        <table className="runs-table">
          <thead>
            <tr>
              <th>Runbook</th>
              <th>Environment</th>
              <th>Mode</th>
              <th>Operator</th>
              <th>Status</th>
              <th>Started</th>
              <th>Duration</th>
              <th>Progress</th>
              <th>Review</th>
              <th>Report</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-testid="run-row" data-status={run.status}>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(run.id)}>
                    {run.runbookTitle}
                  </button>{' '}
                  <span className="muted">r{run.revision}</span>
                </td>
                <td>
                  {run.environmentName}{' '}
                  <KindBadge kind={run.environmentKind} colour={run.environmentColour} />
                </td>
                <td>{run.mode === 'practice' ? <PracticeBadge /> : run.mode}</td>
                <td>{run.operator}</td>
                <td className={`run-status run-status-${run.status}`}>
                  {run.status} <ApprovalBadge approval={run.approval} />
                </td>
                <td>{formatTime(run.createdAt)}</td>
                <td>{formatDuration(run.durationSeconds)}</td>
                <td className="run-progress">
                  <TallyLines tally={run.tally} />
                </td>
                <td>
                  <a href={`#/review/${run.id}`}>Review</a> · <a href={`#/compare/${run.id}`}>Compare</a>
                </td>
                <td>
                  <div className="row-report">
                    {isFinished(run.status) && (
                      <button type="button" className="small" onClick={() => setSigning(run)}>
                        Sign off
                      </button>
                    )}
                    <details>
                      <summary>Export</summary>
                      <ExportButtons runId={run.id} compact />
                    </details>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ImportedRuns />
      <ApproveRequestPanel />
      {signing !== undefined && (
        <SignoffDialog
          request={{
            runId: signing.id,
            kind: 'final',
            subject: signing.runbookTitle,
            initialName: rememberedOperator() || signing.operator,
          }}
          onClose={() => setSigning(undefined)}
        />
      )}
    </section>
  );
}
