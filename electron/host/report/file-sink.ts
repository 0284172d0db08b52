import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import type { ReportSink } from './report-sink';
import { Utf8Pieces } from './utf8-pieces';

/**
 * A report written to a file as it is made: pieces are gathered up to `batchChars` characters
 * (writers emit many small ones), encoded and written with fs.writeSync. Synchronous on purpose:
 * the writers read the run's events with a SQLite iterator, which holds the connection until it
 * ends, so nothing else may run on the host's thread meanwhile.
 */
export class FileSink implements ReportSink {
  private readonly fd: number;
  private readonly utf8 = new Utf8Pieces();
  private pending: string[] = [];
  private pendingChars = 0;

  /** Created with mode 0600 (a report holds the run's whole record), or truncated. */
  constructor(
    private readonly path: string,
    private readonly batchChars = 1 << 18,
  ) {
    this.fd = openSync(path, 'w', 0o600);
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= this.batchChars) this.flush();
  }

  /** Writes what is left and closes the file. */
  close(): void {
    try {
      this.flush();
      this.writeAll(this.utf8.end());
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

  private flush(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.writeAll(this.utf8.encode(text));
  }

  private writeAll(bytes: Buffer): void {
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
