import fc from 'fast-check';

/**
 * Hostile command output and notes for the report renderers: markup, attribute breakers, script
 * URLs, terminal escape sequences that link, copy or retitle, bidi overrides, controls and
 * invalid UTF-8. `visible` is text that must still be readable in the output.
 */
export interface CorpusEntry {
  name: string;
  input: string | Uint8Array;
  visible: string[];
}

const ESC = '\u001b';

export const injectionCorpus: CorpusEntry[] = [
  { name: 'script tag', input: '<script>alert(1)</script>', visible: ['<script>alert(1)</script>'] },
  { name: 'img onerror', input: '<img src=x onerror=alert(1)>', visible: ['<img src=x onerror=alert(1)>'] },
  { name: 'attribute breakers', input: `"'><svg onload=alert(1)>`, visible: [`"'><svg onload=alert(1)>`] },
  { name: 'closing our span', input: '</span><script>x</script><span>', visible: ['</span><script>'] },
  { name: 'javascript URL', input: 'javascript:alert(document.cookie)', visible: ['javascript:alert'] },
  { name: 'link markup', input: '<a href="javascript:alert(1)">click</a>', visible: ['<a href='] },
  { name: 'comment and CDATA', input: '<!-- x --><![CDATA[ y ]]><!DOCTYPE html>', visible: ['<!-- x -->'] },
  {
    name: 'entities stay text',
    input: '&lt;b&gt; &amp; &#60;script&#62; &',
    visible: ['&lt;b&gt; &amp; &#60;'],
  },
  {
    name: 'style and iframe',
    input: '<style>*{display:none}</style><iframe srcdoc="<b>">',
    visible: ['<style>'],
  },
  {
    name: 'ANSI colour around markup',
    input: `${ESC}[1;31m<b onclick=x>red</b>${ESC}[0m`,
    visible: ['<b onclick=x>red</b>'],
  },
  {
    name: 'OSC 8 hyperlink',
    input: `${ESC}]8;;https://evil.example/${ESC}\\click me${ESC}]8;;${ESC}\\`,
    visible: ['click me'],
  },
  {
    name: 'OSC 8 with BEL',
    input: `${ESC}]8;id=1;javascript:alert(1)\u0007here${ESC}]8;;\u0007`,
    visible: ['here'],
  },
  {
    name: 'OSC 52 clipboard write',
    input: `before${ESC}]52;c;cm0gLXJmIH4=\u0007after`,
    visible: ['beforeafter'],
  },
  { name: 'OSC window title', input: `${ESC}]0;<script>title</script>\u0007ok`, visible: ['ok'] },
  { name: 'DCS and APC', input: `${ESC}Pq#0;2;0;0;0${ESC}\\${ESC}_payload${ESC}\\x`, visible: ['x'] },
  { name: 'cursor movement', input: `${ESC}[2J${ESC}[H${ESC}[?25l${ESC}(B${ESC}7a${ESC}8`, visible: ['a'] },
  { name: 'bidi override', input: 'access = "user\u202e \u2066// admin\u2069 \u2066"', visible: ['access'] },
  {
    name: 'all bidi controls',
    input: '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069',
    visible: [],
  },
  { name: 'NUL and C0', input: 'a\u0000b\u0007c\u0008d\u000be\u000cf\u007fg', visible: ['a', 'g'] },
  { name: 'C1 controls', input: 'a\u0085b\u009b31mc\u009d8;;x\u009cd\u0090e', visible: ['31mc', '8;;x'] },
  { name: 'lone CR overwrite', input: 'rm -rf /tmp/x\rls          \r\n', visible: ['rm -rf /tmp/x', 'ls'] },
  { name: 'conceal does not hide', input: `${ESC}[8msecret${ESC}[28m`, visible: ['secret'] },
  { name: 'unterminated OSC', input: `${ESC}]0;never ends <b>`, visible: [']0;never ends <b>'] },
  { name: 'invisible format', input: 'r\u200bm \u00ad\ufeff\u2028\u2029\u2060x', visible: ['r', 'x'] },
  { name: 'lone surrogate', input: 'a\ud800b\udfffc', visible: ['a', 'b', 'c'] },
  {
    name: 'invalid UTF-8 bytes',
    input: new Uint8Array([
      0x6f, 0x6b, 0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0x3c, 0x62, 0x3e, 0xed, 0xa0, 0x80,
    ]),
    visible: ['ok', '<b>'],
  },
  {
    name: 'UTF-8 bytes with escapes',
    input: new TextEncoder().encode(`caf\u00e9 ${ESC}[32m\u2713${ESC}[0m \u202e<i>`),
    visible: ['caf\u00e9 ', '\u2713', '<i>'],
  },
  {
    name: 'very long line',
    input: `${'<script>'.repeat(20_000)}${ESC}[31m${'x'.repeat(100_000)}`,
    visible: ['x'.repeat(1000)],
  },
];

/** One character, biased towards the ones renderers get wrong. */
export const hostileChar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('<', '>', '&', '"', "'", '/', '=', '`', ';', '\n', '\t', '\r', ' ', 'a', '[', ']', '\\'),
  fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((code) => String.fromCharCode(code)),
  fc
    .constantFrom(
      0x061c,
      0x200b,
      0x200d,
      0x200e,
      0x202a,
      0x202e,
      0x2066,
      0x2069,
      0xfeff,
      0xfffd,
      0x2028,
      0x00ad,
    )
    .map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** Pieces of links, markup and escape sequences, so random strings often form the real thing. */
const hostileFragment = fc.constantFrom(
  'https://',
  'www.',
  '@e.io',
  'mailto:',
  '](',
  '![',
  '<a ',
  '\u001b[31m',
  '\u001b]8;;',
  '\u001b\\',
  '\u001b]52;c;',
);

export const hostileString = fc.string({ unit: fc.oneof(hostileChar, hostileFragment), maxLength: 80 });
