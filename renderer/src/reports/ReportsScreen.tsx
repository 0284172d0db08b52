import { ImportedRuns } from './ImportedRuns';
import { VerifyPanel } from './VerifyPanel';
import './reports.css';

/** The Reports section: verify any report, and review runs imported from elsewhere. */
export function ReportsScreen({ onOpenImported }: { onOpenImported(runId: string): void }) {
  return (
    <div className="section-full reports-screen">
      <h1>Reports</h1>
      <div className="reports-panels">
        <VerifyPanel />
        <ImportedRuns onOpen={onOpenImported} />
      </div>
    </div>
  );
}
