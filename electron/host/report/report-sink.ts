/**
 * Where a report writer puts its text, piece by piece (issue 16: a 1,000-step report is
 * hundreds of megabytes, so the file path must not hold it whole). A writer never splits a
 * UTF-16 surrogate pair across two pieces; the sinks that encode to bytes hold a trailing high
 * surrogate back anyway (utf8-pieces.ts), so the bytes equal the whole string's.
 */
export interface ReportSink {
  write(text: string): void;
  /**
   * Text given as its UTF-8 bytes, whole characters (a stored payload read as a blob): a sink that
   * encodes takes them as they are, skipping a decode to UTF-16 and an encode back (writeUtf8).
   */
  writeBytes?(utf8: Uint8Array): void;
}

/** Writes UTF-8 bytes of whole characters to any sink: as they are, or decoded for a string sink. */
export function writeUtf8(sink: ReportSink, utf8: Uint8Array): void {
  if (sink.writeBytes !== undefined) sink.writeBytes(utf8);
  else sink.write(Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength).toString('utf8'));
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
