import type { Database, Statement } from 'better-sqlite3';
import { StatementCache } from '../../store/statement-cache';
import { chunkLengthSql, decodeChunk } from './chunk-codec';
import { TranscriptIndexer } from './transcript-indexer';
import { TranscriptWriter, type WriterOptions } from './transcript-writer';

export interface SessionRecord {
  id: string;
  kind: 'local' | 'ssh';
  title: string;
  profile: string;
  cols: number;
  rows: number;
  startedAt: string;
  endedAt: string | null;
  exitCode: number | null;
  complete: boolean;
}

export interface CommandRecord {
  seq: number;
  text: string;
  startedAt: string;
  endedAt: string | null;
  exitCode: number | null;
  outcome: 'running' | 'finished' | 'unknown';
  outputStart: number;
  outputEnd: number | null;
}

export interface ChunkRecord {
  offset: number;
  atMs: number;
  data: Buffer;
}

/** The terminal took this size; output from byte `offset` on was written at it. */
export interface ResizeRecord {
  offset: number;
  atMs: number;
  cols: number;
  rows: number;
}

/** The end of a transcript, to show a view that attaches again (a reload). */
export interface TranscriptTail {
  /** The stream offset `data` starts at: the start of a line, at most maxBytes before the end. */
  offset: number;
  data: Buffer;
  /** The size the terminal had at `offset`, and each resize after it. */
  cols: number;
  rows: number;
  resizes: ResizeRecord[];
}

/** A transcript chunk holding a searched phrase (SearchService makes snippets of run hits). */
export interface TranscriptMatch {
  sessionId: string;
  seq: number;
}

/**
 * Terminal sessions, their transcripts and commands in SQLite (migration 0002). Transcripts are
 * indexed for search by `indexer`, off the stream, once their chunks are stored.
 */
export class TranscriptStore {
  private readonly statements: StatementCache;
  readonly indexer: TranscriptIndexer;

  constructor(
    private readonly db: Database,
    onIndexError?: (error: unknown) => void,
  ) {
    this.statements = new StatementCache(db);
    this.indexer = new TranscriptIndexer(db.name, onIndexError);
  }

  private sql(text: string): Statement {
    return this.statements.sql(text);
  }

  createSession(record: Omit<SessionRecord, 'endedAt' | 'exitCode' | 'complete'>): void {
    this.sql(
      `INSERT INTO terminal_sessions (id, kind, title, profile, cols, rows, started_at)
         VALUES (@id, @kind, @title, @profile, @cols, @rows, @startedAt)`,
    ).run(record);
  }

  endSession(id: string, end: { endedAt: string; exitCode: number | undefined; complete: boolean }): void {
    this.indexer.ended(id);
    this.sql('UPDATE terminal_sessions SET ended_at = ?, exit_code = ?, complete = ? WHERE id = ?').run(
      end.endedAt,
      end.exitCode ?? null,
      end.complete ? 1 : 0,
      id,
    );
  }

  /**
   * Sessions a host that stopped without closing them left open (a killed host): their pty died
   * with it. Returns how many were ended.
   */
  endOrphanSessions(endedAt: string): number {
    return this.sql('UPDATE terminal_sessions SET ended_at = ?, complete = 0 WHERE ended_at IS NULL').run(
      endedAt,
    ).changes;
  }

  session(id: string): SessionRecord | undefined {
    const row = this.sql('SELECT * FROM terminal_sessions WHERE id = ?').get(id) as
      Record<string, unknown> | undefined;
    if (row === undefined) return undefined;
    return {
      id: row.id as string,
      kind: row.kind as 'local' | 'ssh',
      title: row.title as string,
      profile: row.profile as string,
      cols: row.cols as number,
      rows: row.rows as number,
      startedAt: row.started_at as string,
      endedAt: row.ended_at as string | null,
      exitCode: row.exit_code as number | null,
      complete: row.complete === 1,
    };
  }

  writer(
    sessionId: string,
    onError: (error: unknown) => void,
    options: Omit<WriterOptions, 'onError'> = {},
  ): TranscriptWriter {
    return new TranscriptWriter(this.db, sessionId, {
      ...options,
      onError,
      onStored: (seq) => this.indexer.stored(sessionId, seq),
    });
  }

  chunks(sessionId: string): ChunkRecord[] {
    return (
      this.sql(
        'SELECT byte_offset, at_ms, data, encoding FROM terminal_chunks WHERE session_id = ? ORDER BY seq',
      ).all(sessionId) as Array<{ byte_offset: number; at_ms: number; data: Buffer; encoding: number }>
    ).map((row) => ({ offset: row.byte_offset, atMs: row.at_ms, data: decodeChunk(row.data, row.encoding) }));
  }

  /** The stored bytes in [start, end) of a session's stream. */
  readRange(sessionId: string, start: number, end: number): Buffer {
    const rows = this.sql(
      `SELECT byte_offset, data, encoding FROM terminal_chunks
         WHERE session_id = ? AND byte_offset < ? AND byte_offset + ${chunkLengthSql} > ? ORDER BY seq`,
    ).all(sessionId, end, start) as Array<{ byte_offset: number; data: Buffer; encoding: number }>;
    const parts = rows.map((row) => {
      const data = decodeChunk(row.data, row.encoding);
      return data.subarray(
        Math.max(0, start - row.byte_offset),
        Math.min(data.length, end - row.byte_offset),
      );
    });
    return Buffer.concat(parts);
  }

  saveResize(sessionId: string, resize: ResizeRecord): void {
    this.sql(
      'INSERT INTO terminal_resizes (session_id, byte_offset, at_ms, cols, rows) VALUES (?, ?, ?, ?, ?)',
    ).run(sessionId, resize.offset, resize.atMs, resize.cols, resize.rows);
  }

  resizes(sessionId: string): ResizeRecord[] {
    return (
      this.sql(
        'SELECT byte_offset, at_ms, cols, rows FROM terminal_resizes WHERE session_id = ? ORDER BY byte_offset, rowid',
      ).all(sessionId) as Array<{ byte_offset: number; at_ms: number; cols: number; rows: number }>
    ).map((row) => ({ offset: row.byte_offset, atMs: row.at_ms, cols: row.cols, rows: row.rows }));
  }

  /**
   * The last `maxBytes` (about) of a session's stored stream, from the start of a line so the
   * view does not begin inside an escape sequence or a character, with the sizes to draw it at.
   */
  tail(sessionId: string, maxBytes: number): TranscriptTail | undefined {
    const session = this.session(sessionId);
    if (session === undefined) return undefined;
    const end = (
      this.sql(
        `SELECT COALESCE(MAX(byte_offset + ${chunkLengthSql}), 0) AS end FROM terminal_chunks WHERE session_id = ?`,
      ).get(sessionId) as { end: number }
    ).end;
    let data = this.readRange(sessionId, Math.max(0, end - maxBytes), end);
    let offset = end - data.length;
    if (offset > 0) {
      const newline = data.indexOf(0x0a);
      data = newline === -1 ? Buffer.alloc(0) : data.subarray(newline + 1);
      offset = end - data.length;
    }
    const resizes = this.resizes(sessionId);
    const before = resizes.filter((resize) => resize.offset <= offset).at(-1);
    return {
      offset,
      data,
      cols: before?.cols ?? session.cols,
      rows: before?.rows ?? session.rows,
      resizes: resizes.filter((resize) => resize.offset > offset),
    };
  }

  saveCommand(sessionId: string, command: CommandRecord): void {
    this.sql(
      `INSERT INTO terminal_commands
           (session_id, seq, text, started_at, ended_at, exit_code, outcome, output_start, output_end)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (session_id, seq) DO UPDATE SET text = excluded.text, ended_at = excluded.ended_at,
           exit_code = excluded.exit_code, outcome = excluded.outcome, output_end = excluded.output_end`,
    ).run(
      sessionId,
      command.seq,
      command.text,
      command.startedAt,
      command.endedAt,
      command.exitCode,
      command.outcome,
      command.outputStart,
      command.outputEnd,
    );
  }

  commands(sessionId: string): CommandRecord[] {
    const rows = this.sql('SELECT * FROM terminal_commands WHERE session_id = ? ORDER BY seq').all(
      sessionId,
    ) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      seq: row.seq as number,
      text: row.text as string,
      startedAt: row.started_at as string,
      endedAt: row.ended_at as string | null,
      exitCode: row.exit_code as number | null,
      outcome: row.outcome as CommandRecord['outcome'],
      outputStart: row.output_start as number,
      outputEnd: row.output_end as number | null,
    }));
  }

  /**
   * Chunks whose plain text holds `query` as a phrase, best first. The index keeps no text
   * (migration 0011), so FTS5's snippet() has none to cut: run search reads hits' text from
   * their chunks (search/transcript-excerpt.ts).
   */
  search(query: string, limit = 50): TranscriptMatch[] {
    const phrase = `"${query.replaceAll('"', '""')}"`;
    return (
      this.sql(
        'SELECT session_id, seq FROM terminal_text WHERE terminal_text MATCH ? ORDER BY rank LIMIT ?',
      ).all(phrase, limit) as Array<{ session_id: string; seq: number }>
    ).map((row) => ({ sessionId: row.session_id, seq: row.seq }));
  }
}
