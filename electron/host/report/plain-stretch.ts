import { visibleMarker } from './visible-controls';

/**
 * Whether toTerminalSegments would give `text` back as one unstyled run, so its HTML is just
 * escapeHtml(text): no ESC (so no escape sequence), no CR, no lone surrogate and nothing
 * visibleMarker marks. A command's stored output is plain text (its escapes were removed when it
 * was recorded), so a report's 64 KiB excerpts nearly always are; a regular-expression scan and
 * isWellFormed cost a fraction of the segmenter's per-character loop (13 % of an HTML export).
 */
export function isPlainStretch(text: string): boolean {
  return !(markedPattern ??= markedCharacters()).test(text) && (text as WellFormed).isWellFormed();
}

/** ES2024's String.prototype.isWellFormed (Node 20+): false when a surrogate is unpaired. */
type WellFormed = string & { isWellFormed(): boolean };

let markedPattern: RegExp | undefined;

/**
 * A class of every code point that visibleMarker marks (C0 controls with ESC and CR among them,
 * DEL, C1, bidi and invisible format characters, U+FFFD), found by asking it rather than listed
 * again, so the two cannot drift apart. Newline and tab are not in it. The surrogates are left to
 * isWellFormed: a `u` regex, which alone tells a pair from a lone half, scans four times slower.
 * No astral code point is marked today; should one be, the class takes it with the `u` flag.
 */
function markedCharacters(): RegExp {
  const ranges: string[] = [];
  let first = -1;
  let astral = false;
  for (let code = 0; code <= 0x110000; code++) {
    const surrogate = code >= 0xd800 && code <= 0xdfff;
    const marked = code < 0x110000 && !surrogate && visibleMarker(code) !== undefined;
    if (marked && first < 0) first = code;
    if (!marked && first >= 0) {
      const last = code - 1;
      astral ||= last > 0xffff;
      ranges.push(first === last ? hex(first) : `${hex(first)}-${hex(last)}`);
      first = -1;
    }
  }
  return astral
    ? new RegExp(`[${ranges.join('')}]`, 'u')
    : new RegExp(
        `[${ranges.join('').replace(/\\u\{([0-9a-f]+)\}/g, (_, digits: string) => `\\u${digits.padStart(4, '0')}`)}]`,
      );
}

function hex(code: number): string {
  return `\\u{${code.toString(16)}}`;
}
