import { useEffect, useState } from 'react';
import { useHost } from '../host-client/HostProvider';
import { formatTime } from '../format/time';

interface ImportedRun {
  runId: string;
  title: string;
  importedAt: string;
}

/** Runs that arrived as bundles (reports.import): read-only here, open to review and compare. */
export function ImportedRuns() {
  const { client } = useHost();
  const [runs, setRuns] = useState<ImportedRun[]>([]);
  useEffect(() => {
    client?.call('reports.imported', {}).then(setRuns, () => setRuns([]));
  }, [client]);
  if (runs.length === 0) return null;
  return (
    <section aria-label="Imported runs" className="imported-runs">
      <h2>Imported for review</h2>
      <table className="runs-table">
        <tbody>
          {runs.map((run) => (
            <tr key={run.runId} data-testid="imported-run-row">
              <td>{run.title}</td>
              <td className="muted">imported {formatTime(run.importedAt)}</td>
              <td>
                <a href={`#/review/${run.runId}`}>Review</a> · <a href={`#/compare/${run.runId}`}>Compare</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
