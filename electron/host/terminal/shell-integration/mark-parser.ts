/**
 * Streaming parser for Handrail's shell-integration marks, OSC 633-style:
 *   ESC ] 633 ; <letter> ; <nonce> [; <argument>] (BEL | ESC \)
 * It removes every 633 sequence from the stream (the terminal has no use for them) and reports
 * only those carrying the session's nonce, so a program that prints a mark cannot forge a
 * prompt or an exit code. Sequences split across chunks are held back until complete.
 */

export type MarkLetter = 'A' | 'B' | 'C' | 'D' | 'E' | 'P' | 'S' | 'V' | 'X' | 'Z';

export type ParsedPiece =
  { kind: 'data'; data: Buffer } | { kind: 'mark'; letter: MarkLetter; argument: string | undefined };

const introducer = Buffer.from('\x1b]633;', 'latin1');
const bel = 0x07;
const esc = 0x1b;
/** A mark is a letter, a nonce and a short argument: anything longer is not one of ours. */
const maxSequenceBytes = 8192;
const letters = new Set<string>(['A', 'B', 'C', 'D', 'E', 'P', 'S', 'V', 'X', 'Z']);

export class MarkParser {
  private pending: Buffer = Buffer.alloc(0);
  /** Marks seen with a wrong or missing nonce (for tests and diagnostics). */
  rejected = 0;

  constructor(private readonly nonce: string) {}

  push(chunk: Buffer): ParsedPiece[] {
    const input = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = Buffer.alloc(0);
    const pieces: ParsedPiece[] = [];
    let cursor = 0;
    while (cursor < input.length) {
      const start = input.indexOf(introducer, cursor);
      if (start === -1) {
        const keep = partialIntroducerLength(input, cursor);
        emitData(pieces, input.subarray(cursor, input.length - keep));
        this.pending = Buffer.from(input.subarray(input.length - keep));
        return pieces;
      }
      emitData(pieces, input.subarray(cursor, start));
      const end = findTerminator(input, start + introducer.length);
      if (end === undefined) {
        if (input.length - start > maxSequenceBytes) {
          // Not a real mark: pass it on as output rather than swallow the stream.
          emitData(pieces, input.subarray(start, start + introducer.length));
          cursor = start + introducer.length;
          continue;
        }
        this.pending = Buffer.from(input.subarray(start));
        return pieces;
      }
      const body = input.subarray(start + introducer.length, end.bodyEnd).toString('utf8');
      const mark = this.readMark(body);
      if (mark !== undefined) pieces.push(mark);
      cursor = end.next;
    }
    return pieces;
  }

  /** Whatever is held back (an unfinished sequence), for when the stream ends. */
  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }

  private readMark(body: string): ParsedPiece | undefined {
    const [letter, nonce, ...rest] = body.split(';');
    if (letter === undefined || !letters.has(letter) || nonce !== this.nonce) {
      this.rejected += 1;
      return undefined;
    }
    return {
      kind: 'mark',
      letter: letter as MarkLetter,
      argument: rest.length > 0 ? rest.join(';') : undefined,
    };
  }
}

function emitData(pieces: ParsedPiece[], data: Buffer): void {
  if (data.length > 0) pieces.push({ kind: 'data', data: Buffer.from(data) });
}

/** Length of a prefix of the introducer at the very end of the input (to hold back). */
function partialIntroducerLength(input: Buffer, from: number): number {
  const maxKeep = Math.min(introducer.length - 1, input.length - from);
  for (let keep = maxKeep; keep > 0; keep -= 1) {
    if (input.subarray(input.length - keep).equals(introducer.subarray(0, keep))) return keep;
  }
  return 0;
}

function findTerminator(input: Buffer, from: number): { bodyEnd: number; next: number } | undefined {
  for (let index = from; index < input.length; index += 1) {
    const byte = input[index];
    if (byte === bel) return { bodyEnd: index, next: index + 1 };
    if (byte === esc) {
      if (index + 1 >= input.length) return undefined;
      if (input[index + 1] === 0x5c) return { bodyEnd: index, next: index + 2 };
    }
  }
  return undefined;
}
