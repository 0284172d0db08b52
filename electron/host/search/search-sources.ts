import type { Database } from 'better-sqlite3';
import type { SearchFilters, SearchKind } from '../../../shared/contract/index';
import { filtersRuns, runFilter } from './run-filter';
import { decodeChunk } from '../terminal/transcript/chunk-codec';

/** One matching row before grouping: where it belongs and its text. */
export interface RawHit {
  /** 0: the exact phrase; 1: all the words. */
  tier: number;
  /** bm25: lower is better. */
  score: number;
  kind: SearchKind;
  runId: string | null;
  stepKey: string | null;
  runbookId: string | null;
  revision: number | null;
  ref: number | null;
  author: string | null;
  at: string | null;
  sessionId: string | null;
  chunkSeq: number | null;
  body: string;
  /** A transcript hit's chunk, read by the ranking query itself; null for other kinds. */
  chunk: HitChunk | null;
}

/** Where a transcript chunk sits in its session, and its bytes. */
export interface HitChunk {
  byteOffset: number;
  atMs: number;
  data: Buffer;
}

/** One FTS query of a tier: `match`, and rows of `exclude` left out (the tier above has them). */
export interface TierQuery {
  tier: number;
  match: string;
  exclude: string | null;
}

const wanted = (filters: SearchFilters, kind: SearchKind) =>
  filters.kinds === undefined || filters.kinds.includes(kind);

/** Rows of search_text that belong to runs (notes, and any kind a later migration adds). */
export function runTexts(db: Database, query: TierQuery, filters: SearchFilters, limit: number): RawHit[] {
  const kinds = (filters.kinds ?? []).filter((kind) => kind !== 'runbook' && kind !== 'transcript');
  if (filters.kinds !== undefined && kinds.length === 0) return [];
  const where = runFilter(filters);
  const rows = db
    .prepare(
      `SELECT x.kind, x.run_id, x.step_key, x.ref, x.author, x.at, x.body, bm25(search_text) AS score
       FROM search_text x JOIN runs r ON r.id = x.run_id
       WHERE search_text MATCH ? AND x.kind <> 'runbook'
         ${filters.kinds === undefined ? '' : `AND x.kind IN (${kinds.map(() => '?').join(', ')})`}
         ${query.exclude === null ? '' : 'AND x.rowid NOT IN (SELECT rowid FROM search_text WHERE search_text MATCH ?)'}
         AND ${where.sql}
       ORDER BY score LIMIT ?`,
    )
    .all(
      query.match,
      ...(filters.kinds === undefined ? [] : kinds),
      ...(query.exclude === null ? [] : [query.exclude]),
      ...where.params,
      limit,
    ) as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    tier: query.tier,
    score: row.score as number,
    kind: row.kind as SearchKind,
    runId: row.run_id as string,
    stepKey: (row.step_key as string | null) ?? null,
    runbookId: null,
    revision: null,
    ref: toInt(row.ref),
    author: (row.author as string | null) ?? null,
    at: (row.at as string | null) ?? null,
    sessionId: null,
    chunkSeq: null,
    body: (row.body as string | null) ?? '',
    chunk: null,
  }));
}

/** Runbook revisions; none when a filter is about runs. The best revision of each runbook only. */
export function runbookTexts(
  db: Database,
  query: TierQuery,
  filters: SearchFilters,
  limit: number,
): RawHit[] {
  if (!wanted(filters, 'runbook') || filtersRuns(filters)) return [];
  const rows = db
    .prepare(
      `SELECT x.runbook_id, x.revision, x.author, x.at, x.body, bm25(search_text) AS score
       FROM search_text x JOIN runbooks b ON b.id = x.runbook_id
       WHERE search_text MATCH ? AND x.kind = 'runbook' AND b.deleted_at IS NULL
         ${query.exclude === null ? '' : 'AND x.rowid NOT IN (SELECT rowid FROM search_text WHERE search_text MATCH ?)'}
         ${filters.runbookId === undefined ? '' : 'AND x.runbook_id = ?'}
       ORDER BY score, x.revision DESC LIMIT ?`,
    )
    .all(
      query.match,
      ...(query.exclude === null ? [] : [query.exclude]),
      ...(filters.runbookId === undefined ? [] : [filters.runbookId]),
      // Every revision of a runbook may match; a few per runbook are enough to keep the best.
      limit * 4,
    ) as Array<Record<string, unknown>>;
  const seen = new Set<string>();
  const hits: RawHit[] = [];
  for (const row of rows) {
    const runbookId = row.runbook_id as string;
    if (seen.has(runbookId)) continue;
    seen.add(runbookId);
    hits.push({
      tier: query.tier,
      score: row.score as number,
      kind: 'runbook',
      runId: null,
      stepKey: null,
      runbookId,
      revision: toInt(row.revision),
      ref: null,
      author: (row.author as string | null) || null,
      at: (row.at as string | null) ?? null,
      sessionId: null,
      chunkSeq: null,
      body: (row.body as string | null) ?? '',
      chunk: null,
    });
  }
  return hits.slice(0, limit);
}

/**
 * Transcript chunks of terminal sessions that belong to runs (terminal_text, migration 0002).
 * The index holds no text (migration 0011): `body` is left empty, and the service makes the text
 * of the hits it keeps from their chunks (transcript-excerpt.ts). The kept rows' chunks are read
 * here, in the ranking query: a point read per hit for the chunk's place and another for its bytes
 * cost about a tenth of a phrase query (`npm run bench -- search`).
 *
 * FTS5 finds its best `window` rows by rank without reading their text; only those are joined to
 * runs and filtered. The ranking asks for rowids only: naming the session and seq columns there
 * made FTS5 read them for every matching row, not only the window's (a phrase query 7.7 ms
 * against 5.0 ms through the rowid join, 3,642 matching rows, `npm run bench -- search` corpus). Joining first made SQLite read, rank and sort every matching chunk (~20 KB of
 * text each) before the LIMIT: a common word over 1.5 M lines took ~100 ms in that step against
 * ~9 ms for FTS5 alone (`npm run bench -- search`). The window doubles until enough rows survive
 * the join and the filters or FTS5 has no more.
 */
export function transcriptTexts(
  db: Database,
  query: TierQuery,
  filters: SearchFilters,
  limit: number,
): RawHit[] {
  if (!wanted(filters, 'transcript')) return [];
  const where = runFilter(filters);
  // The tier above's rows are left out inside the window, so they never crowd it.
  const excluded =
    query.exclude === null
      ? ''
      : 'AND rowid NOT IN (SELECT rowid FROM terminal_text WHERE terminal_text MATCH ?)';
  const matching = [query.match, ...(query.exclude === null ? [] : [query.exclude])];
  const statement = db.prepare(
    `WITH best AS (
       SELECT rowid, rank AS score FROM terminal_text
       WHERE terminal_text MATCH ? ${excluded} ORDER BY rank LIMIT ?
     )
     , kept AS (
       SELECT t.session_id, t.seq, s.run_id, b.score
       FROM best b
       JOIN terminal_text t ON t.rowid = b.rowid
       JOIN search_run_sessions s ON s.session_id = t.session_id
       JOIN runs r ON r.id = s.run_id
       WHERE ${where.sql}
       ORDER BY b.score LIMIT ?
     )
     SELECT k.session_id, k.seq, k.run_id, k.score, c.byte_offset, c.at_ms, c.data, c.encoding
     FROM kept k JOIN terminal_chunks c ON c.session_id = k.session_id AND c.seq = k.seq
     ORDER BY k.score`,
  );
  const ranked = db.prepare(
    `SELECT count(*) AS n FROM (SELECT rowid FROM terminal_text WHERE terminal_text MATCH ? ${excluded} LIMIT ?)`,
  );
  let window = Math.max(64, limit * 4);
  let rows = statement.all(...matching, window, ...where.params, limit) as Array<Record<string, unknown>>;
  // Fewer than wanted survived the join and filters: widen the window while FTS5 has more.
  while (rows.length < limit && (ranked.get(...matching, window + 1) as { n: number }).n > window) {
    window *= 2;
    rows = statement.all(...matching, window, ...where.params, limit) as Array<Record<string, unknown>>;
  }
  return rows.map((row) => ({
    tier: query.tier,
    score: row.score as number,
    kind: 'transcript',
    runId: row.run_id as string,
    stepKey: null,
    runbookId: null,
    revision: null,
    ref: null,
    author: null,
    at: null,
    sessionId: row.session_id as string,
    chunkSeq: toInt(row.seq),
    body: '',
    chunk: {
      byteOffset: row.byte_offset as number,
      atMs: row.at_ms as number,
      // One chunk per hit shown (at most `limit`): 0.13 ms each to read back (chunk-codec.ts).
      data: decodeChunk(row.data as Buffer, row.encoding as number),
    },
  }));
}

function toInt(value: unknown): number | null {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}
