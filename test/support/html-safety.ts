/**
 * A deliberately strict HTML tokenizer for asserting what report HTML contains. It accepts only
 * a small unambiguous subset (lower-case tags, double-quoted attributes, the five escape
 * entities plus numeric ones, balanced tags, a doctype, void elements, raw text in <style>)
 * and throws HtmlSafetyError on anything else, so "it parsed" means every browser parses it
 * the same way, and the element list it returns is the whole truth about the markup.
 *
 * assertSafeFragment() checks untrusted-text output: only the allowed elements and attributes,
 * and no raw control or bidi character anywhere (they must have been turned into markers).
 */

export class HtmlSafetyError extends Error {
  override name = 'HtmlSafetyError';
}

export interface HtmlElement {
  tag: string;
  attributes: Record<string, string>;
}

/** A piece of text with the elements it sits in, outermost first. */
export interface HtmlTextRun {
  text: string;
  ancestors: HtmlElement[];
}

export interface ParsedHtml {
  elements: HtmlElement[];
  runs: HtmlTextRun[];
  /** All text content, entities decoded, tags removed. */
  text: string;
}

const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'wbr',
]);
const rawTextElements = new Set([
  'style',
  'script',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
]);
const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  apos: "'",
};

export function parseStrictHtml(html: string): ParsedHtml {
  const elements: HtmlElement[] = [];
  const runs: HtmlTextRun[] = [];
  const stack: HtmlElement[] = [];
  let index = html.startsWith('<!DOCTYPE html>') ? '<!DOCTYPE html>'.length : 0;
  const addText = (raw: string, at: number) => {
    if (raw !== '') runs.push({ text: decodeEntities(raw, at), ancestors: [...stack] });
  };
  while (index < html.length) {
    const open = html.indexOf('<', index);
    const textEnd = open === -1 ? html.length : open;
    addText(html.slice(index, textEnd), index);
    if (open === -1) break;
    if (html.startsWith('</', open)) {
      const match = /^<\/([a-z][a-z0-9]*)>/.exec(html.slice(open, open + 40));
      const top = stack.pop();
      if (!match || top?.tag !== match[1])
        throw fail(html, open, `unexpected end tag (open: ${top?.tag ?? 'none'})`);
      index = open + match[0].length;
      continue;
    }
    const { element, end } = readStartTag(html, open);
    elements.push(element);
    index = end;
    if (voidElements.has(element.tag)) continue;
    if (rawTextElements.has(element.tag)) {
      const close = html.indexOf(`</${element.tag}>`, index);
      if (close === -1) throw fail(html, index, `<${element.tag}> is never closed`);
      runs.push({ text: html.slice(index, close), ancestors: [...stack, element] });
      index = close + element.tag.length + 3;
      continue;
    }
    stack.push(element);
  }
  if (stack.length > 0)
    throw fail(html, html.length, `unclosed <${stack.map((open) => open.tag).join('>, <')}>`);
  return { elements, runs, text: runs.map((run) => run.text).join('') };
}

function readStartTag(html: string, at: number): { element: HtmlElement; end: number } {
  const name = /^<([a-z][a-z0-9]*)/.exec(html.slice(at, at + 40));
  if (!name?.[1]) throw fail(html, at, 'a "<" that does not start a plain tag');
  const element: HtmlElement = { tag: name[1], attributes: {} };
  let index = at + name[0].length;
  for (;;) {
    if (html[index] === '>') return { element, end: index + 1 };
    const attribute = /^ ([a-z][a-z-]*)="([^"<>]*)"/.exec(html.slice(index, index + 100_000));
    if (!attribute?.[1] || attribute[2] === undefined)
      throw fail(html, index, `malformed <${element.tag}> tag`);
    if (Object.hasOwn(element.attributes, attribute[1])) throw fail(html, index, `duplicate ${attribute[1]}`);
    element.attributes[attribute[1]] = decodeEntities(attribute[2], index);
    index += attribute[0].length;
  }
}

function decodeEntities(raw: string, at: number): string {
  return raw.replace(/&([^;&\s]{0,10});?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new HtmlSafetyError(`bare "&" near offset ${at}`);
    const numeric = /^#(?:x([0-9a-f]{1,6})|([0-9]{1,7}))$/i.exec(name);
    if (numeric)
      return String.fromCodePoint(Number.parseInt(numeric[1] ?? numeric[2] ?? '', numeric[1] ? 16 : 10));
    const named = namedEntities[name];
    if (named === undefined) throw new HtmlSafetyError(`unknown entity &${name}; near offset ${at}`);
    return named;
  });
}

function fail(html: string, at: number, problem: string): HtmlSafetyError {
  return new HtmlSafetyError(
    `${problem} at offset ${at}: ${JSON.stringify(html.slice(Math.max(0, at - 30), at + 50))}`,
  );
}

/** Which elements may appear, and a check for each attribute they may carry. */
export type HtmlPolicy = Record<string, Record<string, (value: string) => boolean>>;

const terminalClass = /^t-(?:b|dim|i|u|s|ctl|fg-inv|bg-inv|fg(?:[0-9]|1[0-5])|bg(?:[0-9]|1[0-5]))$/;
const terminalDeclaration = /^(?:color|background-color):#[0-9a-f]{6}$/;

/** Terminal and untrusted-text output: only spans, with terminal classes and colour styles. */
export const terminalSpanPolicy: HtmlPolicy = {
  span: {
    class: (value) => value.split(' ').every((name) => terminalClass.test(name)),
    style: (value) => value.split(';').every((declaration) => terminalDeclaration.test(declaration)),
  },
};

/**
 * Characters that must never appear raw in safe output: C0 controls but tab and newline, DEL,
 * C1 controls, bidi controls and the invisible format characters visible-controls.ts marks.
 */
export const forbiddenRawCharacters =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/u;

/** Parses a fragment and throws unless it holds only what `policy` allows and no raw controls. */
export function assertSafeFragment(html: string, policy: HtmlPolicy = terminalSpanPolicy): ParsedHtml {
  const raw = forbiddenRawCharacters.exec(html);
  if (raw) throw fail(html, raw.index, `raw U+${(raw[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
  if (/[\ud800-\udfff]/u.test(html)) throw new HtmlSafetyError('lone surrogate in output');
  const parsed = parseStrictHtml(html);
  for (const element of parsed.elements) {
    const allowed = policy[element.tag];
    if (allowed === undefined) throw new HtmlSafetyError(`element <${element.tag}> is not allowed`);
    for (const [name, value] of Object.entries(element.attributes)) {
      const check = allowed[name];
      if (check === undefined || !check(value))
        throw new HtmlSafetyError(`<${element.tag} ${name}="${value}"> is not allowed`);
    }
  }
  return parsed;
}

/** Text outside marker spans, and the marker texts, of a parsed fragment. */
export function splitMarkers(parsed: ParsedHtml, markerClass = 't-ctl'): { text: string; markers: string[] } {
  const isMarker = (run: HtmlTextRun) =>
    run.ancestors.some((element) => element.attributes.class === markerClass);
  return {
    text: parsed.runs
      .filter((run) => !isMarker(run))
      .map((run) => run.text)
      .join(''),
    markers: parsed.runs.filter(isMarker).map((run) => run.text),
  };
}
