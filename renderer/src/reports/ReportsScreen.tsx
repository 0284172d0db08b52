import { ImportedRuns } from './ImportedRuns';
import { TrustSettingPanel } from './TrustSettingPanel';
import { VerifyPanel } from './VerifyPanel';
import './reports.css';

/** The Reports section: whose keys to trust, verify any report, and review runs imported from elsewhere. */
export function ReportsScreen({ onOpenImported }: { onOpenImported(runId: string): void }) {
  return (
    <div className="section-full reports-screen">
      <h1>Reports</h1>
      <div className="reports-panels">
        <TrustSettingPanel />
        <VerifyPanel />
        <ImportedRuns onOpen={onOpenImported} />
      </div>
    </div>
  );
}
