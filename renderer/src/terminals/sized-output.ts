import type { Terminal } from '@xterm/xterm';

/** Output to draw, and the size the terminal took before it (a resize recorded in the transcript). */
export interface SizedPiece {
  data: Uint8Array;
  size?: { cols: number; rows: number } | undefined;
}

/**
 * Cuts output that starts at byte `start` of its session at the offsets where the terminal was
 * resized (output from a resize's offset on was written at its size).
 */
export function cutAtResizes(
  data: Uint8Array,
  start: number,
  resizes: ReadonlyArray<{ offset: number; cols: number; rows: number }>,
): SizedPiece[] {
  const pieces: SizedPiece[] = [];
  let from = 0;
  let size: SizedPiece['size'];
  for (const resize of resizes) {
    const at = resize.offset - start;
    if (at < 0 || at > data.length) continue;
    if (at > from) {
      pieces.push({ data: data.subarray(from, at), size });
      from = at;
    }
    size = { cols: resize.cols, rows: resize.rows };
  }
  if (from < data.length || size !== undefined) pieces.push({ data: data.subarray(from), size });
  return pieces;
}

const nothing = new Uint8Array(0);

/**
 * Writes pieces in order, resizing before each piece that has a size. xterm parses writes later
 * but resizes at once, so a resize is queued as the callback of an empty write: it happens after
 * everything written before it, before what comes after.
 */
export function writeSized(term: Terminal, pieces: readonly SizedPiece[], done?: () => void): void {
  for (const piece of pieces) {
    const size = piece.size;
    if (size !== undefined) term.write(nothing, () => term.resize(size.cols, size.rows));
    if (piece.data.length > 0) term.write(piece.data);
  }
  if (done !== undefined) term.write(nothing, done);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
