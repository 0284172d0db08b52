import { StringDecoder } from 'node:string_decoder';
import type { Database, Statement } from 'better-sqlite3';
import { PlainTextStream } from '../plain-text';

/**
 * Group commit: pty output is buffered and written in one transaction at most every
 * `commitIntervalMs` (the issue asks for <= 100 ms; 50 ms keeps a crash from losing more than a
 * blink of output while a 20 MB flood still becomes a few hundred transactions, not thousands).
 */
export const commitIntervalMs = 50;
/** Consecutive pieces within this many ms and under this size become one chunk. */
const mergeWithinMs = 10;
const maxChunkBytes = 64 * 1024;

interface PendingChunk {
  offset: number;
  atMs: number;
  parts: Buffer[];
  bytes: number;
}

export class TranscriptWriter {
  private pending: PendingChunk[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextSeq: number;
  private offset = 0;
  private readonly decoder = new StringDecoder('utf8');
  private readonly plain = new PlainTextStream();
  private readonly insertChunk: Statement;
  private readonly insertText: Statement;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly sessionId: string,
    private readonly onError: (error: unknown) => void,
  ) {
    this.insertChunk = db.prepare(
      'INSERT INTO terminal_chunks (session_id, seq, byte_offset, at_ms, data) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertText = db.prepare('INSERT INTO terminal_text (text, session_id, seq) VALUES (?, ?, ?)');
    const row = db
      .prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM terminal_chunks WHERE session_id = ?')
      .get(sessionId) as { seq: number };
    this.nextSeq = row.seq + 1;
  }

  /** Bytes accepted so far (stored or about to be). */
  get bytesWritten(): number {
    return this.offset;
  }

  append(data: Buffer, atMs: number): void {
    if (this.closed || data.length === 0) return;
    const last = this.pending.at(-1);
    if (
      last !== undefined &&
      atMs - last.atMs <= mergeWithinMs &&
      last.bytes + data.length <= maxChunkBytes
    ) {
      last.parts.push(Buffer.from(data));
      last.bytes += data.length;
    } else {
      this.pending.push({ offset: this.offset, atMs, parts: [Buffer.from(data)], bytes: data.length });
    }
    this.offset += data.length;
    this.timer ??= setTimeout(() => this.flush(), commitIntervalMs);
  }

  /** Writes everything buffered now, in one transaction. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    try {
      this.db.transaction(() => {
        for (const chunk of chunks) {
          const data = Buffer.concat(chunk.parts);
          const seq = this.nextSeq++;
          this.insertChunk.run(this.sessionId, seq, chunk.offset, chunk.atMs, data);
          const text = this.plain.push(this.decoder.write(data));
          if (text.trim() !== '') this.insertText.run(text, this.sessionId, seq);
        }
      })();
    } catch (error) {
      this.onError(error);
    }
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
