import { StringDecoder } from 'node:string_decoder';
import type { ChunkRecord, ResizeRecord, SessionRecord } from './transcript-store';

/** A moment to mark in the recording (a run's step starting), ms after the session started. */
export interface CastMarker {
  atMs: number;
  label: string;
}

/**
 * A session as asciicast v3 (https://docs.asciinema.org/manual/asciicast/v3/, asciinema CLI 3.0's
 * default): a header line `{"version": 3, "term": {"cols", "rows"}, ...}`, then one JSON array per
 * event whose first element is the interval in seconds since the previous event (v2 had the time
 * since the start): `"o"` output, `"m"` a marker with its label, `"r"` a resize `COLSxROWS`, and
 * `"x"` the exit status once the session ended. Times are kept in whole milliseconds (as stored)
 * and each interval is the difference of two of them, so the intervals add up to the recording's
 * length with no drift. Output from a moment before the previous event (a resize or marker is
 * placed by byte offset or by the run's clock, not the pty's) is given interval 0.
 */
export function toAsciicastV3(
  session: SessionRecord,
  chunks: readonly ChunkRecord[],
  resizes: readonly ResizeRecord[] = [],
  markers: readonly CastMarker[] = [],
): string {
  const header = {
    version: 3,
    term: { cols: session.cols, rows: session.rows },
    timestamp: Math.floor(Date.parse(session.startedAt) / 1000),
    title: session.title,
  };
  const lines = [JSON.stringify(header)];
  let previousMs = 0;
  const emit = (atMs: number, code: string, data: string): void => {
    const at = Math.max(previousMs, Math.round(atMs));
    lines.push(JSON.stringify([(at - previousMs) / 1000, code, data]));
    previousMs = at;
  };
  const sortedMarkers = [...markers].sort((a, b) => a.atMs - b.atMs);
  let nextMarker = 0;
  const markersUpTo = (atMs: number): void => {
    for (
      ;
      nextMarker < sortedMarkers.length && (sortedMarkers[nextMarker] as CastMarker).atMs <= atMs;
      nextMarker += 1
    ) {
      const marker = sortedMarkers[nextMarker] as CastMarker;
      emit(marker.atMs, 'm', marker.label);
    }
  };
  let nextResize = 0;
  const resizesUpTo = (offset: number, atMs: number): void => {
    for (
      ;
      nextResize < resizes.length && (resizes[nextResize] as ResizeRecord).offset <= offset;
      nextResize += 1
    ) {
      const resize = resizes[nextResize] as ResizeRecord;
      emit(Math.min(resize.atMs, atMs), 'r', `${resize.cols}x${resize.rows}`);
    }
  };
  // UTF-8 split across chunks is decoded across them, so no character is broken.
  const decoder = new StringDecoder('utf8');
  for (const chunk of chunks) {
    markersUpTo(chunk.atMs);
    resizesUpTo(chunk.offset, chunk.atMs);
    const text = decoder.write(chunk.data);
    if (text !== '') emit(chunk.atMs, 'o', text);
  }
  const rest = decoder.end();
  if (rest !== '') emit(previousMs, 'o', rest);
  const endMs =
    session.endedAt === null ? undefined : Date.parse(session.endedAt) - Date.parse(session.startedAt);
  markersUpTo(endMs ?? Number.POSITIVE_INFINITY);
  resizesUpTo(Number.POSITIVE_INFINITY, endMs ?? previousMs);
  // The end is an event too, so the intervals add up to the session's length; an exit status
  // only when the shell reported one (a session the host lost has none).
  if (endMs !== undefined)
    emit(
      endMs,
      session.exitCode === null ? 'm' : 'x',
      session.exitCode === null ? 'session ended' : String(session.exitCode),
    );
  return `${lines.join('\n')}\n`;
}
