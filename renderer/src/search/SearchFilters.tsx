import { useEffect, useState } from 'react';
import { runStatuses, type SearchFilters as Filters } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';

interface Option {
  id: string;
  name: string;
}

/** The filters: runbook, environment, operator, days, run outcome. All of them must hold. */
export function SearchFilters({ value, onChange }: { value: Filters; onChange(next: Filters): void }) {
  const { client } = useHost();
  const [runbooks, setRunbooks] = useState<Option[]>([]);
  const [environments, setEnvironments] = useState<Option[]>([]);
  useEffect(() => {
    if (client === undefined) return;
    void client
      .call('runbooks.list', {})
      .then((list) => setRunbooks(list.map((r) => ({ id: r.id, name: r.title }))));
    void client
      .call('environments.list', {})
      .then((list) => setEnvironments(list.map((e) => ({ id: e.id, name: e.name }))));
  }, [client]);

  const set = <K extends keyof Filters>(key: K, next: Filters[K] | '') => {
    const copy = { ...value };
    if (next === '' || next === undefined || (Array.isArray(next) && next.length === 0)) delete copy[key];
    else copy[key] = next as Filters[K];
    onChange(copy);
  };
  const outcome = value.outcome ?? [];

  return (
    <fieldset className="search-filters">
      <legend>Filters</legend>
      <label>
        Runbook
        <select value={value.runbookId ?? ''} onChange={(event) => set('runbookId', event.target.value)}>
          <option value="">Any</option>
          {runbooks.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Environment
        <select
          value={value.environmentId ?? ''}
          onChange={(event) => set('environmentId', event.target.value)}
        >
          <option value="">Any</option>
          {environments.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Operator
        <input
          value={value.operator ?? ''}
          onChange={(event) => set('operator', event.target.value.trim())}
        />
      </label>
      <label>
        From
        <input type="date" value={value.from ?? ''} onChange={(event) => set('from', event.target.value)} />
      </label>
      <label>
        To
        <input type="date" value={value.to ?? ''} onChange={(event) => set('to', event.target.value)} />
      </label>
      <span className="search-outcomes" role="group" aria-label="Run outcome">
        {runStatuses.map((status) => (
          <label key={status}>
            <input
              type="checkbox"
              checked={outcome.includes(status)}
              onChange={(event) =>
                set(
                  'outcome',
                  event.target.checked ? [...outcome, status] : outcome.filter((item) => item !== status),
                )
              }
            />
            {status}
          </label>
        ))}
      </span>
    </fieldset>
  );
}
