import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements by their SQL text, prepared once per store: a store that runs the same few
 * statements on every append or command record (EventLog, TranscriptStore) does not compile them
 * each time. A statement being iterated must not be run again until the iteration ends.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (statement === undefined) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}
