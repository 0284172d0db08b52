import { useState } from 'react';
import type { ExportedFile } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { saveExportedFile } from './save-exported-file';

type AuditExport = 'change-record' | 'statement' | 'asciicast';

/**
 * A finished run's audit exports (docs/audit-exports.md): the change record, an in-toto statement
 * over the HTML report (the report, the statement and its SSH signature, by this machine's
 * Handrail key, as `signer`), and the terminal sessions as asciicast v3. The period's auditor
 * pack is `handrail audit pack`: many runs in one file are written to disk, not downloaded.
 */
export function AuditExportButtons({ runId, signer }: { runId: string; signer: string }) {
  const { client } = useHost();
  const [busy, setBusy] = useState<AuditExport | undefined>(undefined);
  const [message, setMessage] = useState<{ error: boolean; text: string } | undefined>(undefined);
  const run = (which: AuditExport, files: () => Promise<{ files: ExportedFile[]; note?: string }>) => {
    setBusy(which);
    setMessage(undefined);
    files()
      .then(
        (result) => {
          for (const file of result.files) saveExportedFile(file);
          if (result.note !== undefined) setMessage({ error: false, text: result.note });
        },
        (failure: unknown) => setMessage({ error: true, text: describeError(failure) }),
      )
      .finally(() => setBusy(undefined));
  };
  if (client === undefined) return null;
  const buttons: ReadonlyArray<{ which: AuditExport; label: string; action: () => void }> = [
    {
      which: 'change-record',
      label: 'Change record',
      action: () =>
        run('change-record', async () => ({ files: [await client.call('audit.changeRecord', { runId })] })),
    },
    {
      which: 'statement',
      label: 'Signed statement',
      action: () =>
        run('statement', async () => {
          const result = await client.call('audit.statement', {
            runId,
            format: 'html',
            signer,
            key: { kind: 'handrail' },
          });
          return { files: result.files, note: `Trust it with: ${result.allowedSignersLine}` };
        }),
    },
    {
      which: 'asciicast',
      label: 'Terminal (asciicast v3)',
      action: () =>
        run('asciicast', async () => {
          const files = await client.call('audit.asciicast', { runId });
          return files.length === 0 ? { files, note: 'This run has no terminal recording.' } : { files };
        }),
    },
  ];
  return (
    <div className="export-buttons" role="group" aria-label="Audit exports">
      <span className="muted">Audit</span>
      {buttons.map(({ which, label, action }) => (
        <button key={which} type="button" className="small" disabled={busy !== undefined} onClick={action}>
          {busy === which ? `${label}…` : label}
        </button>
      ))}
      {message !== undefined && (
        <span className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
