import type { Database, Statement } from 'better-sqlite3';
import {
  RpcError,
  type Params,
  type ReplayOutline,
  type ReplaySession,
  type ReplaySpan,
  type Result,
  type StepState,
} from '../../../shared/contract/index';
import { parseBundle } from '../report/run-bundle';
import { EventLog } from '../run/event-log';
import { decodeChunk } from '../terminal/transcript/chunk-codec';
import { TranscriptStore } from '../terminal/transcript/transcript-store';

/** A page stops growing past this many bytes (a chunk is at most 64 KiB, so a page stays small). */
const pageBytes = 1024 * 1024;

interface SessionRow {
  id: string;
  kind: 'local' | 'ssh';
  title: string;
  cols: number;
  rows: number;
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  chunk_count: number;
}

/**
 * Replay: a run's sessions (linked by migration 0007's search_run_sessions) and its steps'
 * attempts placed on them. An attempt whose commands ran in a session is placed by the bytes its
 * commands wrote (the chunks' own clock, immune to wall-clock jumps); any other by its wall-clock
 * times relative to the session's start.
 */
export class ReplayService {
  private readonly chunkAt: Statement;
  private readonly command: Statement;

  private readonly store: TranscriptStore;
  private readonly log: EventLog;

  constructor(private readonly db: Database) {
    this.store = new TranscriptStore(db);
    this.log = new EventLog(db);
    this.chunkAt = db.prepare(
      `SELECT at_ms FROM terminal_chunks WHERE session_id = ? AND byte_offset <= ? ORDER BY seq DESC LIMIT 1`,
    );
    this.command = db.prepare(
      'SELECT output_start, output_end FROM terminal_commands WHERE session_id = ? AND seq = ?',
    );
  }

  outline(runId: string): ReplayOutline {
    if (this.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId) === undefined)
      return this.importedOutline(runId);
    const state = this.log.storedState(runId);
    const sessions = this.sessions(runId);
    return {
      runId,
      runbookTitle: state.run.runbookTitle,
      environmentName: state.run.environment.name,
      imported: false,
      sessions,
      spans: state.steps.flatMap((step) => this.spans(step, sessions)),
    };
  }

  chunks(params: Params<'replay.chunks'>): Result<'replay.chunks'> {
    const exists = this.db.prepare('SELECT 1 FROM terminal_sessions WHERE id = ?').get(params.sessionId);
    if (exists === undefined)
      throw new RpcError('not_found', `no terminal session ${params.sessionId}`, 'params.sessionId');
    const rows = this.db
      .prepare(
        'SELECT seq, byte_offset, at_ms, data, encoding FROM terminal_chunks WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      )
      .all(params.sessionId, params.afterSeq, params.limit + 1) as Array<{
      seq: number;
      byte_offset: number;
      at_ms: number;
      data: Buffer;
      encoding: number;
    }>;
    const chunks: Result<'replay.chunks'>['chunks'] = [];
    let bytes = 0;
    for (const row of rows.slice(0, params.limit)) {
      const data = decodeChunk(row.data, row.encoding);
      if (chunks.length > 0 && bytes + data.length > pageBytes) break;
      chunks.push({
        seq: row.seq,
        offset: row.byte_offset,
        atMs: row.at_ms,
        data: data.toString('base64'),
      });
      bytes += data.length;
    }
    return { chunks, done: chunks.length === rows.length };
  }

  private sessions(runId: string): ReplaySession[] {
    const rows = this.db
      .prepare(
        `SELECT s.*, (SELECT MAX(at_ms) FROM terminal_chunks k WHERE k.session_id = s.id) AS duration_ms,
                (SELECT COUNT(*) FROM terminal_chunks k WHERE k.session_id = s.id) AS chunk_count
         FROM search_run_sessions rs JOIN terminal_sessions s ON s.id = rs.session_id
         WHERE rs.run_id = ? ORDER BY s.started_at, s.id`,
      )
      .all(runId) as SessionRow[];
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      cols: row.cols,
      rows: row.rows,
      durationMs: row.duration_ms ?? 0,
      chunkCount: row.chunk_count,
      resizes: this.store.resizes(row.id).map(({ offset, cols, rows }) => ({ offset, cols, rows })),
    }));
  }

  private spans(step: StepState, sessions: readonly ReplaySession[]): ReplaySpan[] {
    return step.attempts.map((attempt) => {
      const base = { stepKey: step.key, title: step.title, attempt: attempt.number, status: attempt.outcome };
      const ran = attempt.commands.filter(
        (command) => command.terminalId !== null && command.terminalSeq !== null,
      );
      const first = ran[0];
      const last = ran.at(-1);
      if (first !== undefined && last !== undefined && sessions.some((s) => s.id === first.terminalId)) {
        const sessionId = first.terminalId as string;
        const start = this.commandBytes(sessionId, first.terminalSeq as number);
        // A block's record links its first shell command; its last one ends the span.
        const end = this.commandBytes(
          sessionId,
          last.parts?.at(-1)?.terminalSeq ?? (last.terminalSeq as number),
        );
        return {
          ...base,
          sessionId,
          startMs: start === undefined ? null : this.timeOf(sessionId, Math.max(0, start.start - 1)),
          endMs:
            end === undefined || end.end === null ? null : this.timeOf(sessionId, Math.max(0, end.end - 1)),
        };
      }
      return { ...base, ...byWallClock(attempt.startedAt, attempt.endedAt, sessions) };
    });
  }

  private commandBytes(sessionId: string, seq: number): { start: number; end: number | null } | undefined {
    const row = this.command.get(sessionId, seq) as
      { output_start: number; output_end: number | null } | undefined;
    return row === undefined ? undefined : { start: row.output_start, end: row.output_end };
  }

  private timeOf(sessionId: string, byteOffset: number): number | null {
    const row = this.chunkAt.get(sessionId, byteOffset) as { at_ms: number } | undefined;
    return row?.at_ms ?? null;
  }

  private importedOutline(runId: string): ReplayOutline {
    const row = this.db.prepare('SELECT bundle FROM imported_runs WHERE run_id = ?').get(runId) as
      { bundle: string } | undefined;
    if (row === undefined) throw new RpcError('not_found', `no run or imported run ${runId}`, 'params.runId');
    const { run } = parseBundle(row.bundle, `imported run ${runId}`);
    return {
      runId,
      runbookTitle: run.run.runbookTitle,
      environmentName: run.run.environment.name,
      imported: true,
      sessions: [],
      spans: run.steps.flatMap((step) =>
        step.attempts.map((attempt) => ({
          stepKey: step.key,
          title: step.title,
          attempt: attempt.number,
          status: attempt.outcome,
          sessionId: null,
          startMs: null,
          endMs: null,
        })),
      ),
    };
  }
}

/** The session the attempt started in, by the wall clock, and its times in that session. */
function byWallClock(
  startedAt: string,
  endedAt: string | null,
  sessions: readonly ReplaySession[],
): Pick<ReplaySpan, 'sessionId' | 'startMs' | 'endMs'> {
  const start = Date.parse(startedAt);
  for (const session of sessions) {
    const origin = Date.parse(session.startedAt);
    const offset = start - origin;
    if (offset < 0 || offset > session.durationMs) continue;
    const end =
      endedAt === null ? null : Math.min(session.durationMs, Math.max(offset, Date.parse(endedAt) - origin));
    return { sessionId: session.id, startMs: offset, endMs: end };
  }
  return { sessionId: null, startMs: null, endMs: null };
}
