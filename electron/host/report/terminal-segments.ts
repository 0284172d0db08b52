import { applySgr, plainStyle, type TerminalStyle } from './sgr-style';
import { decodeUntrusted, visibleMarker } from './visible-controls';

/**
 * Untrusted text cut into what a report may show: runs of ordinary text with their terminal
 * style, and markers standing for characters that must be shown visibly (visible-controls.ts).
 * With `ansi: true` (terminal output) SGR sequences set the style and every other escape
 * sequence (CSI, OSC including OSC 8 links and OSC 52 clipboard writes, DCS, SOS, PM, APC and
 * two-byte escapes) is removed; a sequence that is cut off or malformed is not removed but shown,
 * its ESC as a marker, so nothing can hide the text that follows it. With `ansi: false` (notes,
 * runbook text) ESC is just another control. CRLF counts as a newline; a lone CR is marked.
 */

export type TerminalSegment =
  | { kind: 'text'; text: string; style: TerminalStyle }
  | { kind: 'marker'; marker: string; codePoint: number; style: TerminalStyle };

const ESC = 0x1b;
const BEL = 0x07;
/** String-type sequences (ECMA-48 5.6): OSC `]`, DCS `P`, SOS `X`, PM `^`, APC `_`. */
const stringIntroducers = new Set([0x5d, 0x50, 0x58, 0x5e, 0x5f]);

export function toTerminalSegments(
  input: string | Uint8Array,
  options: { ansi: boolean },
): TerminalSegment[] {
  const text = decodeUntrusted(input);
  const segments: TerminalSegment[] = [];
  let style = plainStyle;
  let run = '';
  const flush = () => {
    if (run !== '') segments.push({ kind: 'text', text: run, style });
    run = '';
  };
  let index = 0;
  while (index < text.length) {
    if (isOrdinary(text.charCodeAt(index))) {
      // Never marked, never part of an escape, a CRLF or a surrogate pair: take the whole stretch
      // in one slice (a line break or an accent no longer ends it: output is mostly such runs).
      let end = index + 1;
      while (isOrdinary(text.charCodeAt(end))) end++;
      run += text.slice(index, end);
      index = end;
      continue;
    }
    const codePoint = text.codePointAt(index) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    if (codePoint === ESC && options.ansi) {
      const sequence = readEscapeSequence(text, index);
      if (sequence !== undefined) {
        if (sequence.sgr !== undefined) {
          flush();
          style = applySgr(style, sequence.sgr);
        }
        index = sequence.end;
        continue;
      }
    }
    if (codePoint === 0x0d && text.charCodeAt(index + 1) === 0x0a) {
      index += 1;
      continue;
    }
    const marker = visibleMarker(codePoint);
    if (marker === undefined) run += text.slice(index, index + width);
    else {
      flush();
      segments.push({ kind: 'marker', marker, codePoint, style });
    }
    index += width;
  }
  flush();
  return segments;
}

interface EscapeSequence {
  end: number;
  /** The parameters when the sequence is an SGR (`ESC [ params m`). */
  sgr?: string;
}

/** The complete escape sequence starting at `start` (an ESC), or undefined when malformed or cut off. */
function readEscapeSequence(text: string, start: number): EscapeSequence | undefined {
  const next = text.charCodeAt(start + 1);
  if (next === 0x5b) return readCsi(text, start + 2);
  if (stringIntroducers.has(next)) return readControlString(text, start + 2, next === 0x5d);
  // nF escapes: intermediates 0x20-0x2F then a final 0x30-0x7E (ESC ( B selects a character set).
  let index = start + 1;
  while (inRange(text.charCodeAt(index), 0x20, 0x2f)) index++;
  if (inRange(text.charCodeAt(index), 0x30, 0x7e)) return { end: index + 1 };
  return undefined;
}

/** CSI (ECMA-48 5.4): parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, final byte 0x40-0x7E. */
function readCsi(text: string, from: number): EscapeSequence | undefined {
  let index = from;
  while (inRange(text.charCodeAt(index), 0x30, 0x3f)) index++;
  const params = text.slice(from, index);
  const intermediatesFrom = index;
  while (inRange(text.charCodeAt(index), 0x20, 0x2f)) index++;
  const final = text.charCodeAt(index);
  if (!inRange(final, 0x40, 0x7e)) return undefined;
  const isSgr = final === 0x6d && index === intermediatesFrom && /^[0-9;:]*$/.test(params);
  return isSgr ? { end: index + 1, sgr: params } : { end: index + 1 };
}

/** A control string ends with ST (ESC \ or U+009C); OSC may also end with BEL, as xterm allows. */
function readControlString(text: string, from: number, isOsc: boolean): EscapeSequence | undefined {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x9c || (isOsc && code === BEL)) return { end: index + 1 };
    if (code === ESC) return text.charCodeAt(index + 1) === 0x5c ? { end: index + 2 } : undefined;
  }
  return undefined;
}

/**
 * A UTF-16 unit the loop below would only append to the run: printable ASCII, newline, tab, or a
 * character outside the surrogates that visibleMarker leaves alone (ESC and CR are controls).
 */
function isOrdinary(code: number): boolean {
  if (code < 0x7f) return code >= 0x20 || code === 0x0a || code === 0x09;
  return code >= 0xa0 && (code < 0xd800 || code > 0xdfff) && visibleMarker(code) === undefined;
}

function inRange(code: number, low: number, high: number): boolean {
  return code >= low && code <= high;
}
