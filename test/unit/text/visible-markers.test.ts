import { describe, expect, it } from 'vitest';
import { isDisplayControl } from '../../../shared/text/display-controls';
import { visibleMarker, visibleSegments, withVisibleControls } from '../../../shared/text/visible-markers';
import { withVisibleControls as reportMarkers } from '../../../electron/host/report/visible-controls';

/** Every code point of the Basic Multilingual Plane, and a few beyond, as one string. */
function everyCharacter(): string {
  let text = '';
  for (let code = 0; code <= 0xffff; code += 1)
    if (code < 0xd800 || code > 0xdfff) text += String.fromCodePoint(code);
  return text + '\u{1f600}\u{10ffff}';
}

/**
 * Issue 19, item 3: the run screen (renderer/src/format/visible-text.tsx, through visibleSegments)
 * must show each control exactly as a report marks it (withVisibleControls): one mapping.
 */
describe('visible markers shared by reports and screens', () => {
  it('the screen segments spell out exactly what a report shows, for every character', () => {
    const text = everyCharacter();
    for (const lineBreaks of [false, true]) {
      const joined = visibleSegments(text, { lineBreaks })
        .map((segment) => (segment.kind === 'text' ? segment.text : segment.marker))
        .join('');
      expect(joined).toBe(reportMarkers(text, { lineBreaks }));
      expect(joined).toBe(withVisibleControls(text, { lineBreaks }));
    }
  });

  it('marks every character the contract refuses in names (C0, C1, DEL, bidi) but newline and tab', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      if (!isDisplayControl(code) || code === 0x0a || code === 0x09) continue;
      expect(visibleMarker(code), `U+${code.toString(16)}`).toBeDefined();
    }
  });

  it('shows a right-to-left override and an escape as their markers, the text around them as it is', () => {
    expect(visibleSegments('rm \u202efdp.exe\u001b[2K')).toEqual([
      { kind: 'text', text: 'rm ' },
      { kind: 'marker', marker: '<U+202E>', codePoint: 0x202e },
      { kind: 'text', text: 'fdp.exe' },
      { kind: 'marker', marker: '\u241b', codePoint: 0x1b },
      { kind: 'text', text: '[2K' },
    ]);
  });
});
