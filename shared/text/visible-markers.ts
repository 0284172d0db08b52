import { bidiControls } from './display-controls';

/**
 * The visible marker each invisible or text-changing character is shown as, in reports, the CLI
 * and the app's screens alike (issue 19, item 3): control codes, bidirectional overrides as in
 * the "Trojan Source" attack (CVE-2021-42574). Pure, so the host and the renderer share one
 * mapping and a screen cannot show what a report marks.
 */

/**
 * Other characters that are invisible or break lines yet are not controls: soft hyphen, zero
 * width space, word joiner, byte order mark, line and paragraph separators. ZWJ/ZWNJ (U+200C/D)
 * stay: scripts and emoji need them to render correctly.
 */
const invisibleFormat = new Set([0x00ad, 0x200b, 0x2028, 0x2029, 0x2060, 0xfeff]);

export const replacementCharacter = 0xfffd;

/**
 * The marker for a character that must be shown visibly, or undefined for an ordinary character.
 * C0 controls and DEL become their Unicode Control Pictures (U+2400 block: NUL -> ␀, ESC -> ␛);
 * C1, bidi and invisible format characters become `<U+XXXX>`; U+FFFD (which is also what invalid
 * UTF-8 decodes to) stays itself but is marked, so a decoding error stands out.
 * Newline and tab are ordinary.
 */
export function visibleMarker(codePoint: number): string | undefined {
  if (codePoint === 0x0a || codePoint === 0x09) return undefined;
  if (codePoint < 0x20) return String.fromCodePoint(0x2400 + codePoint);
  if (codePoint === 0x7f) return '\u2421';
  if (codePoint >= 0x80 && codePoint < 0xa0) return codePointLabel(codePoint);
  if (bidiControls.has(codePoint) || invisibleFormat.has(codePoint)) return codePointLabel(codePoint);
  if (codePoint === replacementCharacter) return '\ufffd';
  // A lone surrogate can only come from a JS string; it is not a character at all.
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return '\ufffd';
  return undefined;
}

function codePointLabel(codePoint: number): string {
  return `<U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** A stretch of text: as it is, or one character to be shown as its marker. */
export type VisibleSegment =
  { kind: 'text'; text: string } | { kind: 'marker'; marker: string; codePoint: number };

/**
 * Text cut into ordinary stretches and marked characters, for places that style the markers (a
 * screen). With `lineBreaks`, newline and tab are marked too, for text that must stay on one line.
 */
export function visibleSegments(text: string, { lineBreaks = false } = {}): VisibleSegment[] {
  const segments: VisibleSegment[] = [];
  let plain = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    const marker =
      lineBreaks && (code === 0x0a || code === 0x09)
        ? String.fromCodePoint(0x2400 + code)
        : visibleMarker(code);
    if (marker === undefined) {
      plain += character;
      continue;
    }
    if (plain !== '') segments.push({ kind: 'text', text: plain });
    plain = '';
    segments.push({ kind: 'marker', marker, codePoint: code });
  }
  if (plain !== '') segments.push({ kind: 'text', text: plain });
  return segments;
}

/**
 * Text with every character that visibleMarker marks replaced by its marker, for places that take
 * plain text only (a terminal line, through the CLI's terminalSafeLine; a report's attributes).
 * With `lineBreaks`, newline and tab are marked too, for text that must stay on one line. A loop of
 * its own rather than joined segments: reports call it on whole transcripts.
 */
export function withVisibleControls(text: string, { lineBreaks = false } = {}): string {
  let out = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    const marker =
      lineBreaks && (code === 0x0a || code === 0x09)
        ? String.fromCodePoint(0x2400 + code)
        : visibleMarker(code);
    out += marker ?? character;
  }
  return out;
}
