import { useCallback, useEffect, useState } from 'react';
import type { DocumentVerification } from '../../../shared/contract/index';
import { formatTime } from '../format/time';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { FilePicker } from './FilePicker';
import { VerificationResult } from './VerificationResult';

interface ImportedRun {
  runId: string;
  title: string;
  importedAt: string;
}

/**
 * "Import a run for review": a bundle (or report) from another machine is verified and kept here,
 * listed with the others imported, to open read-only and countersign.
 */
export function ImportedRuns({ onOpen }: { onOpen(runId: string): void }) {
  const { client } = useHost();
  const [runs, setRuns] = useState<ImportedRun[] | undefined>(undefined);
  const [last, setLast] = useState<{ title: string; verification: DocumentVerification }>();
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    client
      ?.call('reports.imported', {})
      .then(setRuns, (failure: unknown) => setError(describeError(failure)));
  }, [client]);
  useEffect(load, [load]);

  return (
    <section className="reports-panel" aria-label="Import a run for review">
      <h2>Import a run for review</h2>
      <p className="muted">
        A run bundle exported on another machine (or its HTML or JSON report): it is verified, kept here
        read-only, and can be countersigned and exported again.
      </p>
      <FilePicker
        label="Bundle or report to import"
        busy={busy || client === undefined}
        onFile={(file) => {
          if (client === undefined) return;
          setBusy(true);
          setError(undefined);
          setLast(undefined);
          client
            .call('reports.import', file)
            .then(
              (imported) => {
                setLast(imported);
                load();
              },
              (failure: unknown) => setError(describeError(failure)),
            )
            .finally(() => setBusy(false));
        }}
      />
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {last !== undefined && (
        <>
          <h3>Imported: {last.title}</h3>
          <VerificationResult result={last.verification} />
        </>
      )}
      <h3>Imported runs</h3>
      {runs?.length === 0 && <p className="muted">None imported yet.</p>}
      {runs !== undefined && runs.length > 0 && (
        <ul className="imported-list" aria-label="Imported runs">
          {runs.map((run) => (
            <li key={run.runId} data-testid="imported-run">
              <button type="button" className="link-button" onClick={() => onOpen(run.runId)}>
                {run.title}
              </button>{' '}
              <span className="muted">imported {formatTime(run.importedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
