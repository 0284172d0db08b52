import { useState } from 'react';
import type { DocumentVerification } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { FilePicker } from './FilePicker';
import { VerificationResult } from './VerificationResult';

/** "Verify a report": choose an HTML or JSON report or a bundle, see every check. */
export function VerifyPanel() {
  const { client } = useHost();
  const [result, setResult] = useState<{ fileName: string; verification: DocumentVerification }>();
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  return (
    <section className="reports-panel" aria-label="Verify a report">
      <h2>Verify a report</h2>
      <p className="muted">
        Checks every signature, the event log and that the report shows what its record says, as{' '}
        <code>handrail verify</code> does.
      </p>
      <FilePicker
        label="Report or bundle to verify"
        busy={busy || client === undefined}
        onFile={(file) => {
          if (client === undefined) return;
          setBusy(true);
          setError(undefined);
          setResult(undefined);
          client
            .call('reports.verify', file)
            .then(
              (verification) => setResult({ fileName: file.fileName, verification }),
              (failure: unknown) => setError(describeError(failure)),
            )
            .finally(() => setBusy(false));
        }}
      />
      {busy && <p className="muted">Verifying…</p>}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result !== undefined && (
        <>
          <h3>{result.fileName}</h3>
          <VerificationResult result={result.verification} />
        </>
      )}
    </section>
  );
}
