import { describe, expect, it } from 'vitest';
import { isPlainStretch } from '../../../electron/host/report/plain-stretch';
import { terminalOutputToHtml, untrustedTextToHtml } from '../../../electron/host/report/safe-terminal-html';
import { visibleMarker } from '../../../electron/host/report/visible-controls';

/**
 * The HTML fast path (isPlainStretch, then escapeHtml) must give the segmenter's bytes. A
 * Uint8Array input always goes through the segmenter, so the same text given as its UTF-8 bytes
 * is the reference (for text without lone surrogates, which UTF-8 cannot carry).
 */
describe('the plain-stretch fast path', () => {
  it('takes a code point exactly when visibleMarker leaves it alone', () => {
    for (let code = 0; code < 0x110000; code += code < 0x3000 ? 1 : 97) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCodePoint(code);
      expect(isPlainStretch(`a${character}b`), `U+${code.toString(16)}`).toBe(
        visibleMarker(code) === undefined,
      );
    }
    expect(isPlainStretch('🚀 ok')).toBe(true);
    expect(isPlainStretch('lone \ud83d here')).toBe(false);
    expect(isPlainStretch('lone \ude80')).toBe(false);
    expect(isPlainStretch('crlf\r\n')).toBe(false);
    expect(isPlainStretch('esc \x1b[31mred')).toBe(false);
  });

  it('renders what the segmenter renders, wherever the marked characters fall', () => {
    const alphabet = [
      'a',
      ' ',
      '\n',
      '\t',
      '<',
      '&',
      '"',
      "'",
      '>',
      'é',
      '日',
      '🚀',
      '\x1b[1m',
      '\x1b',
      '\r\n',
      '\r',
      '\u202e',
      '\u00ad',
      '\ufffd',
      '\x7f',
      '\x85',
    ];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296;
    for (let trial = 0; trial < 2000; trial++) {
      const text = Array.from(
        { length: Math.floor(next() * 12) },
        () => alphabet[Math.floor(next() * (trial % 2 === 0 ? 12 : alphabet.length))]!,
      ).join('');
      const bytes = new TextEncoder().encode(text);
      expect(terminalOutputToHtml(text), JSON.stringify(text)).toBe(terminalOutputToHtml(bytes));
      expect(untrustedTextToHtml(text), JSON.stringify(text)).toBe(untrustedTextToHtml(bytes));
    }
    expect(terminalOutputToHtml('')).toBe('');
  });
});
