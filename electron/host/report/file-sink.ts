import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import type { ReportSink } from './report-sink';

/**
 * A report written to a file as it is made: each piece is encoded straight into a buffer of
 * `bufferBytes` (no string of the pieces joined), which is written with fs.writeSync when the next
 * piece might not fit; a piece larger than the buffer is written on its own. Synchronous on
 * purpose: the writers read the run's events with a SQLite iterator, which holds the connection
 * until it ends, so nothing else may run on the host's thread meanwhile.
 */
export class FileSink implements ReportSink {
  private readonly fd: number;
  private readonly buffer: Buffer;
  private used = 0;
  /** A trailing high surrogate held back for the next piece (utf8-pieces.ts says why). */
  private held = '';

  /** Created with mode 0600 (a report holds the run's whole record), or truncated. */
  constructor(
    private readonly path: string,
    bufferBytes = 1 << 20,
  ) {
    this.buffer = Buffer.allocUnsafe(bufferBytes);
    this.fd = openSync(path, 'w', 0o600);
  }

  write(text: string): void {
    let piece = this.held + text;
    this.held = '';
    const last = piece.charCodeAt(piece.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.held = piece.slice(-1);
      piece = piece.slice(0, -1);
    }
    if (piece === '') return;
    // At most 3 bytes per UTF-16 unit: past that bound the piece might not fit.
    const most = piece.length * 3;
    if (most > this.buffer.length - this.used) this.flush();
    if (most > this.buffer.length) this.writeAll(Buffer.from(piece, 'utf8'));
    else this.used += this.buffer.write(piece, this.used, 'utf8');
  }

  writeBytes(utf8: Uint8Array): void {
    // A held high surrogate has no low half to come: U+FFFD, as the whole string's encoding gives.
    if (this.held !== '') {
      const held = this.held;
      this.held = '';
      this.copy(Buffer.from(held, 'utf8'));
    }
    this.copy(utf8);
  }

  /** Writes what is left and closes the file. */
  close(): void {
    try {
      this.flush();
      // A lone high surrogate at the very end: U+FFFD, as the whole string's encoding gives.
      this.writeAll(Buffer.from(this.held, 'utf8'));
      this.held = '';
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes and removes the file: a report cut off half-way must not be left looking whole. */
  discard(): void {
    try {
      closeSync(this.fd);
    } finally {
      unlinkSync(this.path);
    }
  }

  private copy(bytes: Uint8Array): void {
    if (bytes.length > this.buffer.length - this.used) this.flush();
    if (bytes.length > this.buffer.length) this.writeAll(bytes);
    else {
      this.buffer.set(bytes, this.used);
      this.used += bytes.length;
    }
  }

  private flush(): void {
    this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeAll(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
  }
}

/** Writes a report into `path` with `write`; on an error the partial file is removed. */
export function writeToFile(path: string, write: (sink: ReportSink) => void): void {
  const sink = new FileSink(path);
  try {
    write(sink);
  } catch (error) {
    sink.discard();
    throw error;
  }
  sink.close();
}
