import { StringDecoder } from 'node:string_decoder';
import type { Database, Statement } from 'better-sqlite3';
import { PlainTextStream } from '../plain-text';
import { decodeChunk } from './chunk-codec';

/**
 * Chunks read per transaction: at most 4 × 64 KiB of output (the writer's largest chunk), a few
 * milliseconds of FTS5 inserts. The indexer's connection holds SQLite's write lock for that long,
 * and the recorder's group commit on the host thread waits for it (busy_timeout), so a
 * transaction stays short rather than large.
 */
const chunksPerTransaction = 4;

/** A session's decoding state: escape sequences and UTF-8 characters run across chunks. */
interface SessionStream {
  decoder: StringDecoder;
  plain: PlainTextStream;
}

/** A session whose stored chunks go further than its index. */
export interface SessionBehind {
  sessionId: string;
  indexed: number;
  stored: number;
}

/**
 * Indexes stored transcript chunks for search (`terminal_text`, migration 0011) on a connection
 * of its own: what the index worker runs (index-worker.ts). Each transaction indexes a few chunks
 * of one session after its progress (`terminal_text_progress`, migration 0012) and moves the
 * progress with them, so every chunk is indexed exactly once whenever the process stops.
 *
 * The text is made as the recorder made it when it indexed inline: decoded as UTF-8 and stripped
 * of escapes (PlainTextStream) as one stream per session. After a restart a session's stream
 * starts again at the first chunk not indexed; a sequence split across that boundary is cut there.
 */
export class ChunkIndexer {
  private readonly streams = new Map<string, SessionStream>();
  private readonly readChunks: Statement;
  private readonly readProgress: Statement;
  private readonly insertText: Statement;
  private readonly writeProgress: Statement;
  private readonly sessionsBehind: Statement;

  constructor(private readonly db: Database) {
    this.readChunks = db.prepare(
      'SELECT seq, data, encoding FROM terminal_chunks WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
    this.readProgress = db.prepare('SELECT seq FROM terminal_text_progress WHERE session_id = ?').pluck();
    this.insertText = db.prepare('INSERT INTO terminal_text (text, session_id, seq) VALUES (?, ?, ?)');
    this.writeProgress = db.prepare(
      `INSERT INTO terminal_text_progress (session_id, seq) VALUES (?, ?)
       ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq`,
    );
    this.sessionsBehind = db.prepare(
      `SELECT c.session_id AS sessionId, COALESCE(p.seq, 0) AS indexed, MAX(c.seq) AS stored
       FROM terminal_chunks c LEFT JOIN terminal_text_progress p ON p.session_id = c.session_id
       GROUP BY c.session_id HAVING stored > indexed`,
    );
  }

  /** Every session with stored chunks the index does not hold yet (after a crash, say). */
  behind(): SessionBehind[] {
    return this.sessionsBehind.all() as SessionBehind[];
  }

  /** The last chunk seq of `sessionId` the index holds; 0 for none. */
  progress(sessionId: string): number {
    return (this.readProgress.get(sessionId) as number | undefined) ?? 0;
  }

  /**
   * Indexes the next few chunks of `sessionId` after its progress, in one transaction; the
   * progress reached (unchanged when there was nothing to index).
   */
  indexNext(sessionId: string): number {
    try {
      return this.indexInTransaction(sessionId);
    } catch (error) {
      // The decoder has taken bytes the index did not keep: start again at the progress.
      this.streams.delete(sessionId);
      throw error;
    }
  }

  private indexInTransaction(sessionId: string): number {
    return this.db
      .transaction(() => {
        const from = this.progress(sessionId);
        const rows = this.readChunks.all(sessionId, from, chunksPerTransaction) as Array<{
          seq: number;
          data: Buffer;
          encoding: number;
        }>;
        const stream = this.streamOf(sessionId);
        for (const row of rows) {
          const text = stream.plain.push(stream.decoder.write(decodeChunk(row.data, row.encoding)));
          if (text.trim() !== '') this.insertText.run(text, sessionId, row.seq);
        }
        const reached = rows.at(-1)?.seq ?? from;
        if (reached !== from) this.writeProgress.run(sessionId, reached);
        return reached;
        // IMMEDIATE: the write lock is taken before the progress is read, so two indexers on one
        // file (two stores in a test, say) wait for each other instead of failing on a stale read.
      })
      .immediate();
  }

  /** The session will write no more: its decoding state goes. */
  forget(sessionId: string): void {
    this.streams.delete(sessionId);
  }

  private streamOf(sessionId: string): SessionStream {
    let stream = this.streams.get(sessionId);
    if (stream === undefined) {
      stream = { decoder: new StringDecoder('utf8'), plain: new PlainTextStream() };
      this.streams.set(sessionId, stream);
    }
    return stream;
  }
}
