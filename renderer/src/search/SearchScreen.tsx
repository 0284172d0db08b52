import { useEffect, useState, type FormEvent } from 'react';
import type {
  SearchFilters as Filters,
  SearchGroup,
  SearchHit,
  SearchResult,
} from '../../../shared/contract/index';
import type { Route } from '../app/route';
import { formatTime } from '../format/time';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { SearchFilters } from './SearchFilters';
import { SnippetText } from './snippet-text';
import './search.css';

const kindLabel: Record<SearchHit['kind'], string> = {
  runbook: 'runbook',
  note: 'note',
  comment: 'review comment',
  transcript: 'terminal',
};

/** The last search, kept while the window lives, so coming back from a result finds it again. */
let remembered: { text: string; filters: Filters } = { text: '', filters: {} };

/** Search across runbooks, notes, review comments and the transcripts of every run. */
export function SearchScreen({ navigate }: { navigate(route: Route): void }) {
  const { client } = useHost();
  const [text, setText] = useState(remembered.text);
  const [filters, setFilters] = useState<Filters>(remembered.filters);
  const [result, setResult] = useState<SearchResult | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const run = async (query: string, chosen: Filters) => {
    if (client === undefined || query.trim() === '') return;
    remembered = { text: query, filters: chosen };
    setBusy(true);
    try {
      setResult(await client.call('search.query', { text: query, filters: chosen, limit: 100 }));
      setError(undefined);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (remembered.text !== '') void run(remembered.text, remembered.filters);
    // Only on opening the screen with a remembered search.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(text, filters);
  };

  return (
    <section className="section-full search-screen" aria-label="Search">
      <h1>Search</h1>
      <form role="search" onSubmit={submit} className="search-form">
        <input
          type="search"
          aria-label="Search runbooks, notes and terminal output"
          placeholder="Words or a phrase, e.g. rabbitmq queue"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={busy || client === undefined}>
          Search
        </button>
        <SearchFilters value={filters} onChange={setFilters} />
      </form>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result !== undefined && <Results result={result} navigate={navigate} />}
    </section>
  );
}

function Results({ result, navigate }: { result: SearchResult; navigate(route: Route): void }) {
  const catchingUp = result.catchingUp && (
    <p className="muted" role="status" data-testid="search-catching-up">
      The newest terminal output is still being indexed: search again in a moment to include it.
    </p>
  );
  if (result.groups.length === 0)
    return (
      <>
        {catchingUp}
        <p className="muted">Nothing found.</p>
      </>
    );
  return (
    <>
      {catchingUp}
      <p className="muted" data-testid="search-count">
        {result.hitCount} hit{result.hitCount === 1 ? '' : 's'}
        {result.truncated ? ' (more matched: narrow the search)' : ''}; exact phrase first.
      </p>
      <ol className="search-results">
        {result.groups.map((group) => (
          <li
            key={group.runId ?? `runbook-${group.runbookId}`}
            className="search-group"
            data-testid="search-group"
          >
            <GroupHeader group={group} />
            {group.steps.map((step) => (
              <section key={step.stepKey ?? ''} className="search-step">
                <h3>{step.stepTitle ?? (group.runId === null ? 'Runbook text' : 'The run')}</h3>
                <ul>
                  {step.hits.map((hit, index) => (
                    <li key={index} className="search-hit" data-testid="search-hit">
                      <span className={`hit-kind kind-${hit.kind}`}>{kindLabel[hit.kind]}</span>
                      {hit.exact && <span className="hit-exact">phrase</span>}
                      <SnippetText snippet={hit.snippet} />
                      <button
                        type="button"
                        className="small"
                        onClick={() => navigate(target(group, step.stepKey, hit))}
                      >
                        {hit.kind === 'transcript'
                          ? 'Replay here'
                          : group.runId === null
                            ? 'Open library'
                            : 'Open step'}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </li>
        ))}
      </ol>
    </>
  );
}

function GroupHeader({ group }: { group: SearchGroup }) {
  if (group.runId === null)
    return (
      <h2>
        {group.runbookTitle} <span className="muted">runbook, revision {group.revision}</span>
      </h2>
    );
  return (
    <h2>
      {group.runbookTitle}{' '}
      <span className="muted">
        · {group.environmentName} · {group.operator} · {group.status}
        {group.mode === 'practice' ? ' · practice' : ''}
        {group.createdAt !== null ? ` · ${formatTime(group.createdAt)}` : ''}
      </span>
    </h2>
  );
}

/** Where a hit opens: a transcript at its moment in the replay, a note at its step, a runbook in the library. */
function target(group: SearchGroup, stepKey: string | null, hit: SearchHit): Route {
  if (group.runId === null) return { view: 'library' };
  if (hit.kind === 'transcript' && hit.sessionId !== null)
    return {
      view: 'replay',
      id: group.runId,
      sessionId: hit.sessionId,
      ...(hit.atMs === null ? {} : { atMs: hit.atMs }),
      ...(stepKey === null ? {} : { stepKey }),
    };
  return stepKey === null ? { view: 'run', id: group.runId } : { view: 'run', id: group.runId, stepKey };
}
