import { useEffect, useState } from 'react';
import type { RunbookDetail } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';

/** The selected runbook, as its file reads. React escapes the text: nothing in it becomes markup. */
export function RunbookView({ id }: { id: string | undefined }) {
  const { client } = useHost();
  const [runbook, setRunbook] = useState<RunbookDetail | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    setRunbook(undefined);
    setError(undefined);
    if (client === undefined || id === undefined) return;
    const controller = new AbortController();
    client
      .call('runbooks.get', { id }, { signal: controller.signal })
      .then(setRunbook, (failure: unknown) => {
        if (!controller.signal.aborted)
          setError(failure instanceof Error ? failure.message : String(failure));
      });
    return () => controller.abort();
  }, [client, id]);

  if (id === undefined) {
    return (
      <section className="main-pane placeholder" aria-label="Runbook">
        <p className="muted">Choose a runbook in the library to see it here.</p>
      </section>
    );
  }
  return (
    <section className="main-pane" aria-label="Runbook">
      {error !== undefined && <p className="error">{error}</p>}
      {runbook !== undefined && (
        <>
          <header className="runbook-header">
            <h1>{runbook.title}</h1>
            <span className="muted">revision {runbook.revision}</span>
          </header>
          {runbook.description !== '' && <p>{runbook.description}</p>}
          <pre className="runbook-source">{runbook.source}</pre>
        </>
      )}
    </section>
  );
}
