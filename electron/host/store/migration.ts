import type { Database } from 'better-sqlite3';

/**
 * One schema step. Migrations are numbered from 1 without gaps, run in order, each in its own
 * transaction, and never edited once released: a change to the schema is a new migration.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
