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
  private readonly command: Statement;

  constructor(db: Database) {
    this.command = db.prepare(
      `SELECT rc.step_key FROM terminal_commands c
       LEFT JOIN search_run_commands rc ON rc.session_id = c.session_id AND rc.command_seq = c.seq
       WHERE c.session_id = ? AND c.output_start < ? AND (c.output_end IS NULL OR c.output_end > ?)
       ORDER BY c.seq DESC LIMIT 1`,
    );
  }

  locate(hit: RawHit): Located | undefined {
    if (hit.sessionId === null || hit.chunk === null) return undefined;
    const { byteOffset, atMs, data } = hit.chunk;
    const command = this.command.get(hit.sessionId, byteOffset + data.length, byteOffset) as
      { step_key: string | null } | undefined;
    return { stepKey: command?.step_key ?? null, atMs };
  }
}
