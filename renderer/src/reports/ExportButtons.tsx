import { useState } from 'react';
import type { ExportFormat } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { exportReport } from './export-report';
import { saveExportedFile } from './save-exported-file';

const formats: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: 'html', label: 'HTML' },
  { format: 'pdf', label: 'PDF' },
  { format: 'markdown', label: 'Markdown' },
  { format: 'json', label: 'JSON' },
  { format: 'bundle', label: 'Bundle' },
];

/** Downloads of a run's report in each form, and the bundle a reviewer imports elsewhere. */
export function ExportButtons({ runId, compact = false }: { runId: string; compact?: boolean }) {
  const { client } = useHost();
  const [busy, setBusy] = useState<ExportFormat | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const download = (format: ExportFormat) => {
    if (client === undefined) return;
    setBusy(format);
    setError(undefined);
    exportReport(client, runId, format)
      .then(saveExportedFile, (failure: unknown) => setError(describeError(failure)))
      .finally(() => setBusy(undefined));
  };
  return (
    <div className="export-buttons" role="group" aria-label="Export">
      {!compact && <span className="muted">Export</span>}
      {formats.map(({ format, label }) => (
        <button
          key={format}
          type="button"
          className="small"
          disabled={busy !== undefined || client === undefined}
          onClick={() => download(format)}
        >
          {busy === format ? `${label}…` : label}
        </button>
      ))}
      {error !== undefined && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
