import type { SearchFilters } from '../../../shared/contract/index';

export interface SqlClause {
  sql: string;
  params: unknown[];
}

/** True when a filter is about runs, so a runbook's own text cannot match it. */
export function filtersRuns(filters: SearchFilters): boolean {
  return (
    filters.environmentId !== undefined ||
    filters.operator !== undefined ||
    filters.from !== undefined ||
    filters.to !== undefined ||
    filters.outcome !== undefined
  );
}

/** The filters as one SQL condition on the runs table under the alias `r`; every filter must hold. */
export function runFilter(filters: SearchFilters): SqlClause {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filters.runbookId !== undefined) {
    parts.push('r.runbook_id = ?');
    params.push(filters.runbookId);
  }
  if (filters.environmentId !== undefined) {
    parts.push('r.environment_id = ?');
    params.push(filters.environmentId);
  }
  if (filters.operator !== undefined) {
    parts.push(`EXISTS (SELECT 1 FROM json_each(r.state_json, '$.run.operators') o
                 WHERE lower(json_extract(o.value, '$.name')) = lower(?))`);
    params.push(filters.operator);
  }
  if (filters.from !== undefined) {
    parts.push('r.created_at >= ?');
    params.push(filters.from);
  }
  if (filters.to !== undefined) {
    parts.push('r.created_at < ?');
    params.push(nextDay(filters.to));
  }
  if (filters.outcome !== undefined) {
    parts.push(`r.status IN (${filters.outcome.map(() => '?').join(', ')})`);
    params.push(...filters.outcome);
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params };
}

/** The day after a YYYY-MM-DD day, as YYYY-MM-DD (run times are ISO strings in UTC). */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
