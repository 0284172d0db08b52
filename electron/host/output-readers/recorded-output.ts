/**
 * The terminal output a saved file holds, piece by piece, for an output reader: an asciicast
 * recording (v2 or v3: its "o" events, in order), else the file's text as it is (a saved log or a
 * raw capture with its escapes, which the readers remove themselves).
 */
export function recordedOutput(text: string): string[] {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  if (!isAsciicastHeader(firstLine)) return [text];
  const pieces: string[] = [];
  for (const line of text.slice(firstLine.length + 1).split('\n')) {
    // v3 allows comment lines; any line that is not an event array is no output either.
    if (!line.startsWith('[')) continue;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      continue;
    }
    if (Array.isArray(event) && event[1] === 'o' && typeof event[2] === 'string') pieces.push(event[2]);
  }
  return pieces;
}

function isAsciicastHeader(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const header = JSON.parse(line) as { version?: unknown };
    return header.version === 2 || header.version === 3;
  } catch {
    return false;
  }
}
