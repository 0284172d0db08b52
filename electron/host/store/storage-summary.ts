import type { Database } from 'better-sqlite3';
import type { StorageSummary } from '../../../shared/contract/index';

/**
 * What the data folder holds, for the status bar (issue 21: where the data is): an operator on
 * a borrowed laptop, or with two data folders, sees which one is open and that it holds their work.
 */
export function storageSummary(db: Database, dataDir: string): StorageSummary {
  const count = (sql: string): number => (db.prepare(sql).get() as { count: number }).count;
  return {
    dataDir,
    runbooks: count(`SELECT COUNT(*) AS count FROM runbooks WHERE deleted_at IS NULL`),
    runs: count(`SELECT COUNT(*) AS count FROM runs`),
    importedRuns: count(`SELECT COUNT(*) AS count FROM imported_runs`),
  };
}
