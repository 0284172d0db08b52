import { useEffect, useId, useState } from 'react';
import type { RevisionDiff, RevisionSummary } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from './describe-error';
import { DiffView } from './DiffView';

/** Every revision of a runbook, and the diff between the two chosen (by default the last two). */
export function HistoryView({ id, onClose }: { id: string; onClose(): void }) {
  const { client } = useHost();
  const ids = { from: useId(), to: useId() };
  const [revisions, setRevisions] = useState<RevisionSummary[] | undefined>(undefined);
  const [pair, setPair] = useState<{ from: number; to: number } | undefined>(undefined);
  const [diff, setDiff] = useState<RevisionDiff | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (client === undefined) return;
    const load = () =>
      client.call('runbooks.revisions', { id }).then(
        (list) => {
          setRevisions(list);
          const [newest, previous] = list;
          setPair(
            (current) => current ?? (newest && { from: (previous ?? newest).revision, to: newest.revision }),
          );
        },
        (failure: unknown) => setError(describeError(failure)),
      );
    void load();
    return client.on('runbooks.changed', (event) => event.id === id && void load());
  }, [client, id]);

  useEffect(() => {
    if (client === undefined || pair === undefined) return;
    const controller = new AbortController();
    setDiff(undefined);
    client
      .call('runbooks.diff', { id, ...pair }, { signal: controller.signal })
      .then(setDiff, (failure: unknown) => {
        if (!controller.signal.aborted) setError(describeError(failure));
      });
    return () => controller.abort();
  }, [client, id, pair]);

  const choose = (which: 'from' | 'to', value: string) =>
    setPair((current) => current && { ...current, [which]: Number(value) });

  return (
    <section aria-label="Revision history">
      <header className="runbook-header">
        <h1>History</h1>
        <button type="button" onClick={onClose}>
          Back to the runbook
        </button>
      </header>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {revisions === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <ol className="revision-list" aria-label="Revisions">
            {revisions.map((revision) => (
              <li key={revision.revision}>
                <strong>Revision {revision.revision}</strong>{' '}
                <span className="muted">{formatTime(revision.createdAt)}</span>{' '}
                {revision.message !== '' ? revision.message : <span className="muted">(no message)</span>}
              </li>
            ))}
          </ol>
          {pair !== undefined && (
            <div className="field-row">
              <RevisionSelect
                id={ids.from}
                label="Compare from"
                value={pair.from}
                revisions={revisions}
                onChange={(v) => choose('from', v)}
              />
              <RevisionSelect
                id={ids.to}
                label="Compare to"
                value={pair.to}
                revisions={revisions}
                onChange={(v) => choose('to', v)}
              />
            </div>
          )}
          {diff !== undefined && <DiffView diff={diff} />}
        </>
      )}
    </section>
  );
}

interface RevisionSelectProps {
  id: string;
  label: string;
  value: number;
  revisions: RevisionSummary[];
  onChange(value: string): void;
}

function RevisionSelect({ id, label, value, revisions, onChange }: RevisionSelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {revisions.map((revision) => (
          <option key={revision.revision} value={revision.revision}>
            Revision {revision.revision}
          </option>
        ))}
      </select>
    </div>
  );
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
