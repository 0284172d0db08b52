import { StringDecoder } from 'node:string_decoder';
import type { ChunkRecord, ResizeRecord, SessionRecord } from './transcript-store';

/**
 * A session as asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/): a JSON header
 * line, then one `[seconds, "o", text]` line per stored chunk and a `[seconds, "r", "COLSxROWS"]`
 * line where the terminal was resized, before the output written at the new size. UTF-8 split
 * across chunks is decoded across them, so no character is broken.
 */
export function toAsciicast(
  session: SessionRecord,
  chunks: readonly ChunkRecord[],
  resizes: readonly ResizeRecord[] = [],
): string {
  const header = {
    version: 2,
    width: session.cols,
    height: session.rows,
    timestamp: Math.floor(Date.parse(session.startedAt) / 1000),
    title: session.title,
  };
  const lines = [JSON.stringify(header)];
  const decoder = new StringDecoder('utf8');
  let nextResize = 0;
  const resizesUpTo = (offset: number, atMs: number): void => {
    for (
      ;
      nextResize < resizes.length && (resizes[nextResize] as ResizeRecord).offset <= offset;
      nextResize += 1
    ) {
      const resize = resizes[nextResize] as ResizeRecord;
      lines.push(
        JSON.stringify([round(Math.min(resize.atMs, atMs) / 1000), 'r', `${resize.cols}x${resize.rows}`]),
      );
    }
  };
  for (const chunk of chunks) {
    resizesUpTo(chunk.offset, chunk.atMs);
    const text = decoder.write(chunk.data);
    if (text !== '') lines.push(JSON.stringify([round(chunk.atMs / 1000), 'o', text]));
  }
  const rest = decoder.end();
  const last = chunks.at(-1);
  if (rest !== '' && last !== undefined) lines.push(JSON.stringify([round(last.atMs / 1000), 'o', rest]));
  return `${lines.join('\n')}\n`;
}

function round(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
