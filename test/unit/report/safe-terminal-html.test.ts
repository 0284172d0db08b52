import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  terminalClassNames,
  terminalOutputToHtml,
  untrustedTextToHtml,
} from '../../../electron/host/report/safe-terminal-html';
import {
  assertSafeFragment,
  forbiddenRawCharacters,
  HtmlSafetyError,
  parseStrictHtml,
  splitMarkers,
} from '../../support/html-safety';
import { hostileChar, hostileString, injectionCorpus } from '../../support/injection-corpus';

const ESC = '\u001b';

/**
 * The test's own model of what must be marked: after CRLF becomes LF, every control but tab and
 * newline, every bidi/invisible character the checker forbids raw, U+FFFD and lone surrogates.
 */
function expectedVisible(text: string): { text: string; markerCount: number } {
  let kept = '';
  let markerCount = 0;
  for (const char of text.replace(/\r\n/g, '\n')) {
    const lone = char.length === 1 && /[\ud800-\udfff]/.test(char);
    if (lone || char === '\ufffd' || forbiddenRawCharacters.test(char) || char === '\r') markerCount++;
    else kept += char;
  }
  return { text: kept, markerCount };
}

describe('terminal output and untrusted text as HTML', () => {
  describe.each([
    ['terminalOutputToHtml', terminalOutputToHtml],
    ['untrustedTextToHtml', untrustedTextToHtml],
  ] as const)('%s: injection corpus', (_name, render) => {
    it.each(injectionCorpus.map((entry) => [entry.name, entry] as const))('%s', (_label, entry) => {
      const html = render(entry.input);
      const parsed = assertSafeFragment(html);
      expect(parsed.elements.every((element) => element.tag === 'span')).toBe(true);
      const { text } = splitMarkers(parsed);
      if (render === terminalOutputToHtml)
        for (const visible of entry.visible) expect(text).toContain(visible);
      expect(text).not.toMatch(forbiddenRawCharacters);
    });
  });

  it('drops OSC 8 links and OSC 52 clipboard payloads entirely', () => {
    const html = terminalOutputToHtml(
      `${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\ ${ESC}]52;c;c2VjcmV0\u0007`,
    );
    expect(html).toBe('click ');
  });

  it.each([
    [`${ESC}[1;31mred${ESC}[0m plain`, '<span class="t-b t-fg1">red</span> plain'],
    [`${ESC}[92;103mx`, '<span class="t-fg10 t-bg11">x</span>'],
    [
      `${ESC}[38;5;196mx${ESC}[38;5;244my${ESC}[38;5;4mz`,
      '<span style="color:#ff0000">x</span><span style="color:#808080">y</span><span class="t-fg4">z</span>',
    ],
    [`${ESC}[38;2;1;2;3;48;2;255;255;255mx`, '<span style="color:#010203;background-color:#ffffff">x</span>'],
    [
      `${ESC}[38:2::10:20:30mx${ESC}[48:5:16my`,
      '<span style="color:#0a141e">x</span><span style="color:#0a141e;background-color:#000000">y</span>',
    ],
    [`${ESC}[7mx`, '<span class="t-fg-inv t-bg-inv">x</span>'],
    [`${ESC}[31;7mx${ESC}[27my`, '<span class="t-fg-inv t-bg1">x</span><span class="t-fg1">y</span>'],
    [`${ESC}[2;3;4;9mx${ESC}[22;23;24;29my`, '<span class="t-dim t-i t-u t-s">x</span>y'],
    [`${ESC}[4:3mx${ESC}[4:0my`, '<span class="t-u">x</span>y'],
    [`${ESC}[31mx${ESC}[mx${ESC}[39m`, '<span class="t-fg1">x</span>x'],
    [`${ESC}[38;5;300mx${ESC}[38;2;1;2;999my`, 'xy'],
    [`${ESC}[31m${ESC}[1mab${ESC}[0m`, '<span class="t-b t-fg1">ab</span>'],
    [`${ESC}[?25l${ESC}[2J${ESC}[1;1H${ESC}[>4;2m${ESC}[0 qok`, 'ok'],
    [`${ESC}[31`, '<span class="t-ctl">␛</span>[31'],
    [`a${ESC}`, 'a<span class="t-ctl">␛</span>'],
    [`${ESC}]0;title`, '<span class="t-ctl">␛</span>]0;title'],
    ['x\r\ny\rz', 'x\ny<span class="t-ctl">␍</span>z'],
    ['\u009b31m', '<span class="t-ctl">&lt;U+009B&gt;</span>31m'],
    ['<&>"\'', '&lt;&amp;&gt;&quot;&#39;'],
  ])('renders %j exactly', (input, expected) => {
    expect(terminalOutputToHtml(input)).toBe(expected);
  });

  it('shows escape sequences in untrusted text instead of interpreting them', () => {
    expect(untrustedTextToHtml(`${ESC}[31mred`)).toBe('<span class="t-ctl">␛</span>[31mred');
  });

  it('marks invalid UTF-8 and keeps valid UTF-8 intact', () => {
    const html = terminalOutputToHtml(new Uint8Array([0x68, 0xc3, 0xa9, 0xff, 0xf0, 0x9f, 0x98, 0x80, 0xc3]));
    expect(html).toBe('hé<span class="t-ctl">\ufffd</span>\u{1F600}<span class="t-ctl">\ufffd</span>');
  });

  it('only ever emits the class names it declares', () => {
    const allClasses = new Set<string>();
    const sample = Array.from({ length: 108 }, (_, code) => `${ESC}[${code}mx${ESC}[7my${ESC}[0m`).join('');
    for (const element of assertSafeFragment(terminalOutputToHtml(`${sample}\u0000`)).elements)
      for (const name of (element.attributes.class ?? '').split(' ').filter(Boolean)) allClasses.add(name);
    expect(allClasses.size).toBeGreaterThan(30);
    for (const name of allClasses) expect(terminalClassNames).toContain(name);
  });

  it('escapeHtml escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('properties', () => {
  const byteArrays = fc.uint8Array({ maxLength: 120 });
  const noEscape = fc.string({ unit: hostileChar.filter((char) => char !== ESC), maxLength: 80 });

  it('any string or bytes renders to nothing but allowed spans', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, byteArrays), (input) => {
        assertSafeFragment(terminalOutputToHtml(input));
        assertSafeFragment(untrustedTextToHtml(input));
      }),
      { numRuns: 1000 },
    );
  });

  it('untrusted text keeps every printable character in order and marks each of the others', () => {
    fc.assert(
      fc.property(hostileString, (input) => {
        const { text, markers } = splitMarkers(assertSafeFragment(untrustedTextToHtml(input)));
        const expected = expectedVisible(input);
        expect(text).toBe(expected.text);
        expect(markers).toHaveLength(expected.markerCount);
      }),
      { numRuns: 1000 },
    );
  });

  it('terminal output without escape sequences does the same, for strings and for bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          noEscape,
          byteArrays.map((bytes) => bytes.map((byte) => (byte === 0x1b ? 0x5b : byte))),
        ),
        (input) => {
          const { text, markers } = splitMarkers(assertSafeFragment(terminalOutputToHtml(input)));
          const expected = expectedVisible(
            typeof input === 'string' ? input : Buffer.from(input).toString('utf8'),
          );
          expect(text).toBe(expected.text);
          expect(markers).toHaveLength(expected.markerCount);
        },
      ),
      { numRuns: 1000 },
    );
  });

  const sequencePayload = fc.string({
    unit: fc.constantFrom('a', '1', ';', ':', '/', '<', '"', '=', ' '),
    maxLength: 20,
  });
  const escapeSequence = fc.oneof(
    fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 6 }).map((codes) => `${ESC}[${codes.join(';')}m`),
    fc
      .tuple(
        fc.constantFrom('38', '48'),
        fc.constantFrom(';', ':'),
        fc.array(fc.nat(260), { minLength: 1, maxLength: 5 }),
      )
      .map(([code, separator, rest]) => `${ESC}[${code}${separator}${rest.join(separator)}m`),
    fc
      .tuple(
        fc.constantFrom('', '?', '>'),
        fc.nat(99),
        fc.constantFrom('A', 'H', 'J', 'K', 'h', 'l', 'r', 'q'),
      )
      .map(([prefix, n, final]) => `${ESC}[${prefix}${n}${final}`),
    sequencePayload.map((uri) => `${ESC}]8;;${uri}${ESC}\\`),
    sequencePayload.map((data) => `${ESC}]52;c;${data}\u0007`),
    sequencePayload.map((title) => `${ESC}]0;${title}\u0007`),
    sequencePayload.map((data) => `${ESC}P${data}${ESC}\\`),
    sequencePayload.map((data) => `${ESC}_${data}\u009c`),
    fc.constantFrom(`${ESC}(B`, `${ESC}7`, `${ESC}8`, `${ESC}=`, `${ESC}c`, `${ESC}M`),
  );

  it('terminal output: escape sequences vanish and all text between them survives in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noEscape, escapeSequence), { maxLength: 12 }),
        noEscape,
        (pairs, tail) => {
          const input = pairs.map(([text, sequence]) => text + sequence).join('') + tail;
          const { text, markers } = splitMarkers(assertSafeFragment(terminalOutputToHtml(input)));
          const chunks = [...pairs.map(([chunk]) => chunk), tail].map(expectedVisible);
          expect(text).toBe(chunks.map((chunk) => chunk.text).join(''));
          expect(markers).toHaveLength(chunks.reduce((sum, chunk) => sum + chunk.markerCount, 0));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('the strict HTML checker fails on what it must catch', () => {
  it.each([
    ['a script element', '<script>alert(1)</script>', /<script> is not allowed/],
    ['an event handler', '<span onclick="x">a</span>', /onclick/],
    ['a link', '<a href="javascript:x">a</a>', /<a> is not allowed/],
    ['an unknown class', '<span class="evil">a</span>', /class="evil"/],
    ['a style outside the allow-list', '<span style="background:url(x)">a</span>', /style=/],
    ['an unquoted attribute', '<span class=t-b>a</span>', /malformed/],
    ['a single-quoted attribute', "<span class='t-b'>a</span>", /malformed/],
    ['a raw less-than', 'a < b', /does not start a plain tag/],
    ['a comment', '<!-- x -->', /does not start a plain tag/],
    ['a bare ampersand', 'a & b', /bare "&"/],
    ['an unknown entity', '&nbsp;', /unknown entity/],
    ['an unclosed span', '<span>a', /unclosed/],
    ['a stray end tag', 'a</span>', /unexpected end tag/],
    ['a raw NUL', 'a\u0000b', /raw U\+0000/],
    ['a raw bidi override', 'a\u202eb', /raw U\+202e/],
    ['a raw C1 control', 'a\u009bb', /raw U\+009b/],
  ])('%s', (_label, html, problem) => {
    expect(() => assertSafeFragment(html)).toThrow(HtmlSafetyError);
    expect(() => assertSafeFragment(html)).toThrow(problem);
  });

  it('parses a whole document with a doctype, void elements and a style sheet', () => {
    const parsed = parseStrictHtml(
      '<!DOCTYPE html><html><head><meta charset="utf-8"><style>a>b{}</style></head><body><p>x &amp; y</p></body></html>',
    );
    expect(parsed.elements.map((element) => element.tag)).toEqual([
      'html',
      'head',
      'meta',
      'style',
      'body',
      'p',
    ]);
    expect(parsed.text).toBe('a>b{}x & y');
  });
});
