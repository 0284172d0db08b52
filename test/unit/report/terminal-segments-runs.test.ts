import { describe, expect, it } from 'vitest';
import { toTerminalSegments } from '../../../electron/host/report/terminal-segments';

/**
 * The stretch toTerminalSegments takes in one slice (terminal-segments.ts, isOrdinary) reaches
 * past line breaks, tabs and accented or CJK text, and still stops at every character a report
 * must mark, however it is surrounded.
 */
describe('toTerminalSegments ordinary stretches', () => {
  it('keeps lines, tabs and non-ASCII text in one text segment', () => {
    const text = 'Größe\tüberprüft\n日本語のログ\r\nΩμέγα ✓ erledigt\n';
    expect(toTerminalSegments(text, { ansi: true })).toEqual([
      { kind: 'text', text: text.replace('\r\n', '\n'), style: expect.any(Object) as unknown },
    ]);
  });

  it('marks what must be marked inside such text', () => {
    const marked = [
      '\u00ad',
      '\u061c',
      '\u200b',
      '\u202e',
      '\u2028',
      '\u2066',
      '\ufeff',
      '\ufffd',
      '\u0085',
      '\ud800',
    ];
    for (const character of marked) {
      const segments = toTerminalSegments(`één${character}日本`, { ansi: true });
      expect(
        segments.map((segment) => segment.kind),
        JSON.stringify(character),
      ).toEqual(['text', 'marker', 'text']);
      expect(segments[0]).toMatchObject({ text: 'één' });
      expect(segments[2]).toMatchObject({ text: '日本' });
    }
  });

  it('keeps an emoji whole and stops for escapes and a lone CR', () => {
    const segments = toTerminalSegments('a🚀b\u001b[31mred\rx', { ansi: true });
    expect(segments.map((segment) => (segment.kind === 'text' ? segment.text : segment.marker))).toEqual([
      'a🚀b',
      'red',
      '␍',
      'x',
    ]);
  });
});
