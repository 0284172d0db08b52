/**
 * Where a report writer puts its text, piece by piece (issue 16: a 1,000-step report is
 * hundreds of megabytes, so the file path must not hold it whole). A writer never splits a
 * UTF-16 surrogate pair across two pieces; the sinks that encode to bytes hold a trailing high
 * surrogate back anyway (utf8-pieces.ts), so the bytes equal the whole string's.
 */
export interface ReportSink {
  write(text: string): void;
}

/** The pieces in memory, for the RPC answer (one string) and for `handrail verify`'s re-render. */
export class StringSink implements ReportSink {
  private readonly parts: string[] = [];

  write(text: string): void {
    this.parts.push(text);
  }

  text(): string {
    return this.parts.join('');
  }
}

/** What `items.join(separator)` gives, written as the items come: the separator before all but the first. */
export function joinedWriter(sink: ReportSink, separator: string): (item: string) => void {
  let first = true;
  return (item) => {
    sink.write(first ? item : separator + item);
    first = false;
  };
}

/** Renders with `write` into a string: the in-memory form of a streaming writer. */
export function rendered(write: (sink: ReportSink) => void): string {
  const sink = new StringSink();
  write(sink);
  return sink.text();
}
