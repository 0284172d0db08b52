import type { TerminalColor, TerminalStyle } from './sgr-style';
import { isPlainStretch } from './plain-stretch';
import { toTerminalSegments, type TerminalSegment } from './terminal-segments';

/**
 * Untrusted text as HTML that cannot add markup: every character is escaped, terminal colours
 * become flat `<span>`s whose `class` comes from a fixed set and whose `style` holds only
 * `color`/`background-color` with a `#rrggbb` this module formats from numbers, and invisible or
 * dangerous characters become `<span class="t-ctl">` markers. Nothing from the input ever lands
 * in a tag or an attribute. Newlines are kept: put the result in a `<pre>` (see terminalCss).
 */

/** Terminal output (string or raw bytes): SGR colours kept, every other escape sequence removed. */
export function terminalOutputToHtml(output: string | Uint8Array): string {
  // One unstyled run (nearly every stored excerpt): the segmenter would give escapeHtml of it.
  if (typeof output === 'string' && isPlainStretch(output)) return escapeHtml(output);
  return segmentsToHtml(toTerminalSegments(output, { ansi: true }));
}

/** A note, a runbook field, a name: no escape sequences interpreted, controls marked. */
export function untrustedTextToHtml(text: string | Uint8Array): string {
  if (typeof text === 'string' && isPlainStretch(text)) return escapeHtml(text);
  return segmentsToHtml(toTerminalSegments(text, { ansi: false }));
}

/** Classes this module can emit; the report's stylesheet gives them meaning (terminalCss). */
export const terminalClassNames = [
  't-b',
  't-dim',
  't-i',
  't-u',
  't-s',
  't-ctl',
  't-fg-inv',
  't-bg-inv',
  ...Array.from({ length: 16 }, (_, n) => `t-fg${n}`),
  ...Array.from({ length: 16 }, (_, n) => `t-bg${n}`),
] as const;

/** The 16-colour palette (xterm's defaults) and the classes above, for the report's <style>. */
export const terminalCss = [
  '.t-out{white-space:pre-wrap;overflow-wrap:anywhere}',
  '.t-b{font-weight:bold}.t-dim{opacity:.7}.t-i{font-style:italic}.t-u{text-decoration:underline}',
  '.t-s{text-decoration:line-through}.t-u.t-s{text-decoration:underline line-through}',
  '.t-ctl{border:1px solid currentColor;border-radius:2px;padding:0 1px;font-size:.85em;opacity:.8}',
  '.t-fg-inv{color:var(--t-bg,#fff)}.t-bg-inv{background-color:var(--t-fg,#000)}',
  ...[
    '000000',
    'cd0000',
    '00cd00',
    'cdcd00',
    '0000ee',
    'cd00cd',
    '00cdcd',
    'e5e5e5',
    '7f7f7f',
    'ff0000',
    '00ff00',
    'ffff00',
    '5c5cff',
    'ff00ff',
    '00ffff',
    'ffffff',
  ].map((hex, n) => `.t-fg${n}{color:#${hex}}.t-bg${n}{background-color:#${hex}}`),
].join('\n');

function segmentsToHtml(segments: TerminalSegment[]): string {
  let html = '';
  let pending: { text: string; key: string } | undefined;
  const flush = () => {
    if (pending !== undefined) html += wrap(pending.key, escapeHtml(pending.text));
    pending = undefined;
  };
  for (const segment of segments) {
    if (segment.kind === 'marker') {
      flush();
      html += `<span class="t-ctl">${escapeHtml(segment.marker)}</span>`;
      continue;
    }
    const key = spanAttributes(segment.style);
    if (pending !== undefined && pending.key === key) pending.text += segment.text;
    else {
      flush();
      pending = { text: segment.text, key };
    }
  }
  flush();
  return html;
}

function wrap(attributes: string, content: string): string {
  return attributes === '' ? content : `<span${attributes}>${content}</span>`;
}

/** ` class="..." style="..."` for a style, built only from fixed names and formatted numbers. */
function spanAttributes(style: TerminalStyle): string {
  const classes: string[] = [];
  const declarations: string[] = [];
  if (style.bold) classes.push('t-b');
  if (style.faint) classes.push('t-dim');
  if (style.italic) classes.push('t-i');
  if (style.underline) classes.push('t-u');
  if (style.strike) classes.push('t-s');
  const [foreground, background]: [TerminalColor | 'inverse', TerminalColor | 'inverse'] = style.inverse
    ? [style.background ?? 'inverse', style.foreground ?? 'inverse']
    : [style.foreground, style.background];
  addColor(foreground, 'fg', 'color', classes, declarations);
  addColor(background, 'bg', 'background-color', classes, declarations);
  const classAttribute = classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
  const styleAttribute = declarations.length > 0 ? ` style="${declarations.join(';')}"` : '';
  return classAttribute + styleAttribute;
}

function addColor(
  color: TerminalColor | 'inverse',
  prefix: 'fg' | 'bg',
  property: 'color' | 'background-color',
  classes: string[],
  declarations: string[],
): void {
  if (color === null) return;
  if (color === 'inverse') classes.push(`t-${prefix}-inv`);
  else if ('palette' in color) classes.push(`t-${prefix}${clamp(color.palette, 15)}`);
  else declarations.push(`${property}:#${color.rgb.map((channel) => hexByte(channel)).join('')}`);
}

function hexByte(value: number): string {
  return clamp(value, 255).toString(16).padStart(2, '0');
}

/** Defence in depth: whatever the parser produced, only an integer 0..max reaches the markup. */
function clamp(value: number, max: number): number {
  return Number.isInteger(value) ? Math.min(Math.max(value, 0), max) : 0;
}

/** Escapes the five characters that matter in HTML text and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEntities[char] ?? '');
}

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
