import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  RpcError,
  type RevisionDetail,
  type RevisionSummary,
  type RunbookSummary,
} from '../../../shared/contract/index';

interface RunbookRow {
  id: string;
  title: string;
  description: string;
  head_revision: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface RevisionRow {
  runbook_id: string;
  revision: number;
  title: string;
  source: string;
  created_at: string;
  author: string;
  message: string;
}

/** A runbook's summary and the file of its newest revision. */
export interface RunbookHead extends RunbookSummary {
  source: string;
}

export interface NewRunbook {
  title: string;
  description: string;
  source: string;
  author?: string;
  message?: string;
}

export interface NewRevision extends NewRunbook {
  /** The revision the edit started from; the save is refused if another one came after it. */
  baseRevision: number;
}

/**
 * Runbooks and their immutable revisions in SQLite. A save inserts a revision and moves the
 * runbook's head to it; nothing ever updates a revision (triggers refuse it). Lookups of a runbook
 * that does not exist, or was deleted, throw `not_found` naming the id.
 */
export class RunbookRepository {
  constructor(private readonly db: Database) {}

  /** The library, newest revision of each; the query matches title, description or file text. */
  list(query?: string): RunbookSummary[] {
    const needle = query?.trim();
    const rows = needle
      ? this.db
          .prepare(
            `SELECT r.* FROM runbooks r
             JOIN runbook_revisions v ON v.runbook_id = r.id AND v.revision = r.head_revision
             WHERE r.deleted_at IS NULL AND (r.title LIKE @like ESCAPE '\\'
               OR r.description LIKE @like ESCAPE '\\' OR v.source LIKE @like ESCAPE '\\')
             ORDER BY r.title COLLATE NOCASE, r.id`,
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

  /** The runbook with the file of its newest revision, or undefined (none, or deleted). */
  get(id: string): RunbookHead | undefined {
    const row = this.findRow(id);
    if (row === undefined) return undefined;
    const revision = this.findRevision(id, row.head_revision) as RevisionRow;
    return { ...toSummary(row), source: revision.source };
  }

  /** Like `get`, but a missing or deleted runbook is a `not_found` error naming the id. */
  head(id: string): RunbookHead {
    const head = this.get(id);
    if (head === undefined) throw notFound(id);
    return head;
  }

  /** Creates the runbook with its first revision, in one transaction (`id`: a library file's). */
  create(input: NewRunbook, id: string = randomUUID()): RunbookSummary {
    const now = new Date().toISOString();
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO runbooks (id, title, description, head_revision, created_at, updated_at)
           VALUES (?, ?, ?, 1, ?, ?)`,
          )
          .run(id, input.title, input.description, now, now);
        this.insertRevision(id, 1, input, now);
      })
      .immediate();
    return {
      id,
      title: input.title,
      description: input.description,
      revision: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Appends a revision and points the runbook at it; refuses if the base is not the newest. */
  saveRevision(id: string, input: NewRevision): RunbookSummary {
    const now = new Date().toISOString();
    return this.db
      .transaction(() => {
        const row = this.requireRow(id);
        if (row.head_revision !== input.baseRevision) {
          throw new RpcError(
            'conflict',
            `revision ${input.baseRevision} is no longer the newest (revision ${row.head_revision} was saved since); ` +
              'reload the runbook and edit again',
            'params.baseRevision',
          );
        }
        const revision = row.head_revision + 1;
        this.insertRevision(id, revision, input, now);
        this.db
          .prepare(
            `UPDATE runbooks SET title = ?, description = ?, head_revision = ?, updated_at = ? WHERE id = ?`,
          )
          .run(input.title, input.description, revision, now, id);
        return {
          ...toSummary(row),
          title: input.title,
          description: input.description,
          revision,
          updatedAt: now,
        };
      })
      .immediate();
  }

  /** Every revision of a runbook, newest first. */
  revisions(id: string): RevisionSummary[] {
    this.requireRow(id);
    const rows = this.db
      .prepare(`SELECT * FROM runbook_revisions WHERE runbook_id = ? ORDER BY revision DESC`)
      .all(id) as RevisionRow[];
    return rows.map(toRevisionSummary);
  }

  revision(id: string, revision: number): RevisionDetail {
    this.requireRow(id);
    const row = this.findRevision(id, revision);
    if (row === undefined) {
      throw new RpcError('not_found', `runbook ${id} has no revision ${revision}`, 'params.revision');
    }
    return { ...toRevisionSummary(row), runbookId: id, source: row.source };
  }

  /** Soft delete: the runbook leaves the library, its revisions stay for runs and for undo. */
  delete(id: string): void {
    const now = new Date().toISOString();
    const changed = this.db
      .prepare(`UPDATE runbooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`)
      .run(now, id).changes;
    if (changed === 0) throw notFound(id);
  }

  restore(id: string): RunbookSummary {
    const changed = this.db
      .prepare(`UPDATE runbooks SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL`)
      .run(id).changes;
    if (changed === 0) {
      throw new RpcError('not_found', `no deleted runbook with id ${id}`, 'params.id');
    }
    return toSummary(this.requireRow(id));
  }

  private insertRevision(id: string, revision: number, input: NewRunbook, now: string): void {
    this.db
      .prepare(
        `INSERT INTO runbook_revisions (runbook_id, revision, title, source, created_at, author, message)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, revision, input.title, input.source, now, input.author ?? '', input.message ?? '');
  }

  private findRow(id: string): RunbookRow | undefined {
    return this.db.prepare(`SELECT * FROM runbooks WHERE id = ? AND deleted_at IS NULL`).get(id) as
      RunbookRow | undefined;
  }

  private requireRow(id: string): RunbookRow {
    const row = this.findRow(id);
    if (row === undefined) throw notFound(id);
    return row;
  }

  private findRevision(id: string, revision: number): RevisionRow | undefined {
    return this.db
      .prepare(`SELECT * FROM runbook_revisions WHERE runbook_id = ? AND revision = ?`)
      .get(id, revision) as RevisionRow | undefined;
  }
}

function notFound(id: string): RpcError {
  return new RpcError('not_found', `no runbook with id ${id}`, 'params.id');
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

function toRevisionSummary(row: RevisionRow): RevisionSummary {
  return {
    revision: row.revision,
    title: row.title,
    message: row.message,
    author: row.author,
    createdAt: row.created_at,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
