import type { Database, Statement } from 'better-sqlite3';
import type { RawHit } from './search-sources';

export interface Located {
  /** The step whose command's output the chunk overlaps; null between steps' commands. */
  stepKey: string | null;
  /** The chunk's time since its session started: where the replay jumps. */
  atMs: number;
}

/**
 * Places a transcript chunk in its run: the moment it was written, and the step whose command
 * output it overlaps (terminal_commands' output range, linked to steps by search_run_commands).
 */
export class TranscriptLocator {
  private readonly chunk: Statement;
  private readonly command: Statement;

  constructor(db: Database) {
    this.chunk = db.prepare(
      'SELECT byte_offset, at_ms, length(data) AS size FROM terminal_chunks WHERE session_id = ? AND seq = ?',
    );
    this.command = db.prepare(
      `SELECT rc.step_key FROM terminal_commands c
       LEFT JOIN search_run_commands rc ON rc.session_id = c.session_id AND rc.command_seq = c.seq
       WHERE c.session_id = ? AND c.output_start < ? AND (c.output_end IS NULL OR c.output_end > ?)
       ORDER BY c.seq DESC LIMIT 1`,
    );
  }

  locate(hit: RawHit): Located | undefined {
    if (hit.sessionId === null || hit.chunkSeq === null) return undefined;
    const chunk = this.chunk.get(hit.sessionId, hit.chunkSeq) as
      { byte_offset: number; at_ms: number; size: number } | undefined;
    if (chunk === undefined) return undefined;
    const end = chunk.byte_offset + chunk.size;
    const command = this.command.get(hit.sessionId, end, chunk.byte_offset) as
      { step_key: string | null } | undefined;
    return { stepKey: command?.step_key ?? null, atMs: chunk.at_ms };
  }
}
