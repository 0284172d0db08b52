import { useCallback, useEffect, useState } from 'react';
import type { RunbookSummary } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { LibraryFilesActions } from './LibraryFilesActions';

interface LibraryPaneProps {
  selectedId: string | undefined;
  onSelect(id: string): void;
  onImport(): void;
  onTemplates(): void;
}

/** The runbook library: every runbook in the store, filtered by the search box. */
export function LibraryPane({ selectedId, onSelect, onImport, onTemplates }: LibraryPaneProps) {
  const { client } = useHost();
  const [query, setQuery] = useState('');
  const [runbooks, setRunbooks] = useState<RunbookSummary[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const load = useCallback(async () => {
    if (client === undefined) return;
    try {
      setRunbooks(await client.call('runbooks.list', { query }));
      setError(undefined);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, [client, query]);

  useEffect(() => {
    void load();
    return client?.on('runbooks.changed', () => void load());
  }, [client, load]);

  return (
    <nav className="library" aria-label="Runbook library">
      <h2 className="pane-title">Runbooks</h2>
      <div className="library-actions">
        <button type="button" onClick={onImport}>
          Import guide…
        </button>
        <button type="button" onClick={onTemplates}>
          From template…
        </button>
      </div>
      <LibraryFilesActions />
      <input
        className="library-search"
        type="search"
        placeholder="Search runbooks"
        aria-label="Search runbooks"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {error !== undefined && <p className="error">Could not load the library: {error}</p>}
      {runbooks === undefined && error === undefined && <p className="muted">Loading…</p>}
      {runbooks !== undefined && runbooks.length === 0 && <EmptyLibrary filtered={query.trim() !== ''} />}
      {runbooks !== undefined && runbooks.length > 0 && (
        <ul className="library-list" data-testid="library-list">
          {runbooks.map((runbook) => (
            <li key={runbook.id}>
              <button
                type="button"
                className={runbook.id === selectedId ? 'library-item selected' : 'library-item'}
                aria-current={runbook.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(runbook.id)}
              >
                <span className="library-item-title">{runbook.title}</span>
                <span className="library-item-meta">revision {runbook.revision}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

function EmptyLibrary({ filtered }: { filtered: boolean }) {
  if (filtered) return <p className="muted">No runbook matches this search.</p>;
  return (
    <div className="empty-state" data-testid="library-empty">
      <p>
        <strong>No runbooks yet.</strong>
      </p>
      <p>
        Import an upgrade guide (Markdown, MDX or reStructuredText) or a Handrail runbook file, or start from
        one of the bundled templates. From a shell: <code>handrail import FILE</code>.
      </p>
    </div>
  );
}
