import type { ReportSink } from './report-sink';
import { Utf8Pieces } from './utf8-pieces';

/**
 * The base64 of the UTF-8 of everything written, passed on in pieces: text is gathered up to
 * `batchChars`, encoded, and the bytes up to a multiple of 3 are sent as base64 (3 bytes are
 * exactly 4 characters, so the pieces join into the whole text's base64, with no padding between);
 * the 0-2 bytes left over wait for the next batch, and `end` pads the last group. Bytes given as
 * they are (writeBytes: an event's stored payload) join the batch without being decoded.
 */
export class Base64Sink implements ReportSink {
  private readonly utf8 = new Utf8Pieces();
  private pending: string[] = [];
  private pendingChars = 0;
  private chunks: Uint8Array[] = [];
  private chunkBytes = 0;
  private leftover: Buffer = Buffer.alloc(0);

  constructor(
    private readonly target: ReportSink,
    private readonly batchChars = 1 << 18,
  ) {}

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= this.batchChars) this.encodePending(false);
    if (this.chunkBytes >= this.batchChars) this.flush();
  }

  writeBytes(utf8: Uint8Array): void {
    // Text before them is encoded first; a high surrogate it ends with has no low half to come.
    this.encodePending(true);
    this.add(utf8);
    if (this.chunkBytes >= this.batchChars) this.flush();
  }

  /** Sends the last bytes, padded: call once, after the last write. */
  end(): void {
    this.encodePending(true);
    this.flush();
    if (this.leftover.length > 0) this.target.write(this.leftover.toString('base64'));
    this.leftover = Buffer.alloc(0);
  }

  private encodePending(whole: boolean): void {
    if (this.pending.length > 0) this.add(this.utf8.encode(this.pending.join('')));
    this.pending = [];
    this.pendingChars = 0;
    if (whole) this.add(this.utf8.end());
  }

  private add(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.chunkBytes += bytes.length;
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    const bytes = Buffer.concat([this.leftover, ...this.chunks]);
    this.chunks = [];
    this.chunkBytes = 0;
    const whole = bytes.length - (bytes.length % 3);
    this.leftover = Buffer.from(bytes.subarray(whole));
    if (whole > 0) this.target.write(bytes.toString('base64', 0, whole));
  }
}
