/**
 * A reader of one tool's output: fed the plain text of one command's output in chunks as it
 * streams (split anywhere), asked for what it found once the command ends. Another tool's reader
 * is one more file implementing this; none of them sees escape sequences or carriage returns.
 */
export interface OutputReader<Result> {
  push(chunk: string): void;
  finish(): Result;
}

/**
 * Cuts a stream of text into whole lines for a reader, holding the unfinished last line across
 * chunks, so a reader's line logic never depends on where a chunk ended.
 */
export class LineSplitter {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    let end = chunk.indexOf('\n');
    if (end === -1) {
      this.pending += chunk;
      return;
    }
    this.onLine(this.pending + chunk.slice(0, end));
    this.pending = '';
    let start = end + 1;
    while ((end = chunk.indexOf('\n', start)) !== -1) {
      this.onLine(chunk.slice(start, end));
      start = end + 1;
    }
    this.pending = chunk.slice(start);
  }

  /** The last line, when the output did not end with a newline. */
  flush(): void {
    if (this.pending !== '') this.onLine(this.pending);
    this.pending = '';
  }
}
