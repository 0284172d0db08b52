import { visibleMarker } from './visible-controls';

/**
 * Whether toTerminalSegments would give `text` back as one unstyled run, so its HTML is just
 * escapeHtml(text): no ESC (so no escape sequence), no CR, no lone surrogate and nothing
 * visibleMarker marks. A command's stored output is plain text (its escapes were removed when it
 * was recorded), so a report's 64 KiB excerpts nearly always are; one regular-expression scan of
 * them costs a fraction of the segmenter's per-character loop (13 % of an HTML export).
 */
export function isPlainStretch(text: string): boolean {
  return !(markedPattern ??= markedCharacters()).test(text);
}

let markedPattern: RegExp | undefined;

/**
 * A class of every code point that visibleMarker marks (C0 controls with ESC and CR among them,
 * DEL, C1, bidi and invisible format characters, U+FFFD, the surrogates), found by asking it
 * rather than listed again, so the two cannot drift apart. Newline and tab are not in it. With the
 * `u` flag the surrogate range matches only a lone surrogate; a pair is one astral code point,
 * which the scan covers too.
 */
function markedCharacters(): RegExp {
  const ranges: string[] = [];
  let first = -1;
  for (let code = 0; code <= 0x110000; code++) {
    const marked = code < 0x110000 && visibleMarker(code) !== undefined;
    if (marked && first < 0) first = code;
    if (!marked && first >= 0) {
      const last = code - 1;
      ranges.push(first === last ? hex(first) : `${hex(first)}-${hex(last)}`);
      first = -1;
    }
  }
  return new RegExp(`[${ranges.join('')}]`, 'u');
}

function hex(code: number): string {
  return `\\u{${code.toString(16)}}`;
}
