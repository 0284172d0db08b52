import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { RunbookDetail, RunbookSummary } from '../../../shared/contract/index';

interface RunbookRow {
  id: string;
  title: string;
  description: string;
  head_revision: number;
  created_at: string;
  updated_at: string;
}

export interface NewRunbook {
  title: string;
  description: string;
  source: string;
  author?: string;
}

/** Runbooks and their immutable revisions in SQLite. */
export class RunbookRepository {
  constructor(private readonly db: Database) {}

  list(query?: string): RunbookSummary[] {
    const needle = query?.trim();
    const rows = needle
      ? this.db
          .prepare(
            `SELECT * FROM runbooks WHERE deleted_at IS NULL
             AND (title LIKE @like ESCAPE '\\' OR description LIKE @like ESCAPE '\\')
             ORDER BY title COLLATE NOCASE, id`,
          )
          .all({ like: `%${escapeLike(needle)}%` })
      : this.db
          .prepare(`SELECT * FROM runbooks WHERE deleted_at IS NULL ORDER BY title COLLATE NOCASE, id`)
          .all();
    return (rows as RunbookRow[]).map(toSummary);
  }

  count(): number {
    const row = this.db.prepare(`SELECT COUNT(*) AS count FROM runbooks WHERE deleted_at IS NULL`).get() as {
      count: number;
    };
    return row.count;
  }

  get(id: string): RunbookDetail | undefined {
    const row = this.db.prepare(`SELECT * FROM runbooks WHERE id = ? AND deleted_at IS NULL`).get(id) as
      RunbookRow | undefined;
    if (row === undefined) return undefined;
    const revision = this.db
      .prepare(`SELECT source FROM runbook_revisions WHERE runbook_id = ? AND revision = ?`)
      .get(id, row.head_revision) as { source: string };
    return { ...toSummary(row), source: revision.source };
  }

  /** Creates the runbook with its first revision, in one transaction. */
  create(input: NewRunbook): RunbookSummary {
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runbooks (id, title, description, head_revision, created_at, updated_at)
           VALUES (?, ?, ?, 1, ?, ?)`,
        )
        .run(id, input.title, input.description, now, now);
      this.db
        .prepare(
          `INSERT INTO runbook_revisions (runbook_id, revision, title, source, created_at, author)
           VALUES (?, 1, ?, ?, ?, ?)`,
        )
        .run(id, input.title, input.source, now, input.author ?? '');
    })();
    return {
      id,
      title: input.title,
      description: input.description,
      revision: 1,
      createdAt: now,
      updatedAt: now,
    };
  }
}

function toSummary(row: RunbookRow): RunbookSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    revision: row.head_revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
