import { useState } from 'react';
import type { RunHeader } from '../../../shared/contract/index';
import { rememberedOperator } from '../runs/operator-name';
import { AuditExportButtons } from './AuditExportButtons';
import { ExportButtons } from './ExportButtons';
import { SignatureList } from './SignatureList';
import { SignoffDialog } from './SignoffDialog';
import { useSignatures } from './use-signatures';
import './reports.css';

/** Whether a run is over, so its final sign-off can be given. */
export function isFinished(status: RunHeader['status']): boolean {
  return status === 'completed' || status === 'aborted';
}

/** The run's report on its screen: signatures so far, the final sign-off once it is over, exports. */
export function RunReportPanel({ run }: { run: RunHeader }) {
  const { signatures, error, reload } = useSignatures(run.id);
  const [signing, setSigning] = useState(false);
  return (
    <section className="run-report" aria-label="Report">
      <div className="run-report-bar">
        <h2 className="pane-title">Report</h2>
        {isFinished(run.status) && (
          <button type="button" onClick={() => setSigning(true)}>
            Sign off the run
          </button>
        )}
        <ExportButtons runId={run.id} />
        {isFinished(run.status) && (
          <AuditExportButtons runId={run.id} signer={rememberedOperator() || run.operator} />
        )}
      </div>
      {error !== undefined && <p className="error">{error}</p>}
      {signatures !== undefined && <SignatureList signatures={signatures} />}
      {signing && (
        <SignoffDialog
          request={{
            runId: run.id,
            kind: 'final',
            subject: run.runbookTitle,
            initialName: rememberedOperator() || run.operator,
          }}
          onClose={() => setSigning(false)}
          onSigned={reload}
        />
      )}
    </section>
  );
}
