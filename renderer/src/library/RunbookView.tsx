import { useState } from 'react';
import type { RunbookSummary } from '../../../shared/contract/index';
import type { RpcClient } from '../../../shared/rpc/client';
import { useHost } from '../host-client/HostProvider';
import { describeError } from './describe-error';
import { Diagnostics } from './Diagnostics';
import { downloadTextFile } from './download-file';
import { RunbookOutline } from './RunbookOutline';
import { useRunbook } from './use-runbook';

interface RunbookViewProps {
  id: string;
  onEdit(): void;
  onHistory(): void;
  onDuplicated(copy: RunbookSummary): void;
  onDeleted(id: string, title: string): void;
}

/** The selected runbook as phases and steps, with what can be done to it. */
export function RunbookView({ id, onEdit, onHistory, onDuplicated, onDeleted }: RunbookViewProps) {
  const { client } = useHost();
  const { runbook, error } = useRunbook(id);
  const [actionError, setActionError] = useState<string | undefined>(undefined);

  const act = (work: (host: RpcClient) => Promise<void>) => () => {
    if (client === undefined) return;
    setActionError(undefined);
    work(client).catch((failure: unknown) => setActionError(describeError(failure)));
  };
  const duplicate = act(async (host) => onDuplicated(await host.call('runbooks.duplicate', { id })));
  const exportFile = act(async (host) => {
    const { fileName, text } = await host.call('runbooks.export', { id });
    downloadTextFile(fileName, text);
  });
  const remove = act(async (host) => {
    await host.call('runbooks.delete', { id });
    onDeleted(id, runbook?.title ?? 'the runbook');
  });

  if (error !== undefined) return <p className="error">{error}</p>;
  if (runbook === undefined) return <p className="muted">Loading…</p>;
  return (
    <>
      <header className="runbook-header">
        <h1>{runbook.title}</h1>
        <span className="muted">revision {runbook.revision}</span>
      </header>
      <div className="actions" role="toolbar" aria-label="Runbook actions">
        <button type="button" onClick={onEdit} disabled={client === undefined}>
          Edit
        </button>
        <button type="button" onClick={onHistory}>
          History
        </button>
        <button type="button" onClick={duplicate} disabled={client === undefined}>
          Duplicate
        </button>
        <button type="button" onClick={exportFile} disabled={client === undefined}>
          Export .md
        </button>
        <button type="button" className="danger" onClick={remove} disabled={client === undefined}>
          Delete
        </button>
      </div>
      {actionError !== undefined && (
        <p className="error" role="alert">
          {actionError}
        </p>
      )}
      <Diagnostics diagnostics={runbook.diagnostics} />
      {runbook.description !== '' && <p className="prose">{runbook.description}</p>}
      {runbook.runbook !== null ? (
        <RunbookOutline runbook={runbook.runbook} />
      ) : (
        <pre className="runbook-source">{runbook.source}</pre>
      )}
    </>
  );
}
