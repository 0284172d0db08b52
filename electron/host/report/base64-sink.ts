import type { ReportSink } from './report-sink';
import { Utf8Pieces } from './utf8-pieces';

/**
 * The base64 of the UTF-8 of everything written, passed on in pieces: text is gathered up to
 * `batchChars`, encoded, and the bytes up to a multiple of 3 are sent as base64 (3 bytes are
 * exactly 4 characters, so the pieces join into the whole text's base64, with no padding between);
 * the 0-2 bytes left over wait for the next batch, and `end` pads the last group.
 */
export class Base64Sink implements ReportSink {
  private readonly utf8 = new Utf8Pieces();
  private pending: string[] = [];
  private pendingChars = 0;
  private leftover: Buffer = Buffer.alloc(0);

  constructor(
    private readonly target: ReportSink,
    private readonly batchChars = 1 << 18,
  ) {}

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= this.batchChars) this.flush();
  }

  /** Sends the last bytes, padded: call once, after the last write. */
  end(): void {
    this.flush();
    const rest = Buffer.concat([this.leftover, this.utf8.end()]);
    this.leftover = Buffer.alloc(0);
    if (rest.length > 0) this.target.write(rest.toString('base64'));
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = Buffer.concat([this.leftover, this.utf8.encode(this.pending.join(''))]);
    this.pending = [];
    this.pendingChars = 0;
    const whole = bytes.length - (bytes.length % 3);
    this.leftover = Buffer.from(bytes.subarray(whole));
    if (whole > 0) this.target.write(bytes.subarray(0, whole).toString('base64'));
  }
}
