import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PlainTextStream, toPlainText } from '../../../electron/host/terminal/plain-text';
import { referencePlainText } from '../../support/reference-plain-text';

describe('plain text of terminal output', () => {
  test('removes colours, cursor moves, titles and hyperlinks; keeps newlines, tabs and Unicode', () => {
    const output =
      '\x1b[1;32mok:\x1b[0m [controller-01]\tGröße 日本語 🚀\r\n' +
      '\x1b]0;title\x07\x1b]8;;https://example.test\x1b\\link\x1b]8;;\x1b\\\x1b(B\x1b[2K\x9b1mC1\x07\x00\n';
    expect(toPlainText(output)).toBe('ok: [controller-01]\tGröße 日本語 🚀\nlinkC1\n');
  });

  test('a sequence split across chunks is still removed', () => {
    const stream = new PlainTextStream();
    const pieces = ['TASK \x1b', '[3', '3mnova\x1b]0;ti', 'tle\x1b', '\\ done\n'];
    expect(pieces.map((piece) => stream.push(piece)).join('')).toBe('TASK nova done\n');
  });

  test('agrees with the one-code-point-at-a-time rules on any input, split anywhere', () => {
    const alphabet = fc.constantFrom(
      'a',
      'Z',
      ' ',
      '\n',
      '\t',
      '\r',
      '\x00',
      '\x07',
      '\x1b',
      '[',
      ']',
      'P',
      '_',
      '^',
      'X',
      '\\',
      '(',
      '0',
      'm',
      ';',
      '\x7f',
      '\x85',
      '\x9b',
      '\x9f',
      'é',
      '日',
      '🚀',
      '\u{1F600}',
    );
    const input = fc.array(alphabet, { maxLength: 200 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const stream = new PlainTextStream();
        let from = 0;
        let out = '';
        for (const point of [...points, text.length]) {
          out += stream.push(text.slice(from, point));
          from = point;
        }
        // Cuts may split a surrogate pair; the host's StringDecoder never does, so compare whole
        // text when a cut lands inside one.
        const splitsPair = points.some((point) => /[\uDC00-\uDFFF]/.test(text.charAt(point)));
        if (!splitsPair) expect(out).toBe(referencePlainText(text));
        expect(toPlainText(text)).toBe(referencePlainText(text));
      }),
      { numRuns: 2000 },
    );
  });
});
