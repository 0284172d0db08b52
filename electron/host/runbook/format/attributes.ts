/**
 * The attribute syntax shared by headings (`### Title {#id kind=check estimate=5m}`) and fence
 * info strings (`bash run expect-exit=0 expect-output="ok"`): words separated by spaces, each
 * `#id`, `key=value`, `key="quoted value"` or a bare flag. A hand-written scanner: linear time.
 */
export interface Attribute {
  key: string;
  value: string | undefined;
}

export type AttributeResult = { ok: true; attributes: Attribute[] } | { ok: false; message: string };

export function parseAttributes(text: string): AttributeResult {
  const attributes: Attribute[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i += 1;
      continue;
    }
    const keyStart = i;
    while (i < text.length && !isSpace(text[i]) && text[i] !== '=') i += 1;
    const key = text.slice(keyStart, i);
    if (key.startsWith('#')) {
      attributes.push({ key: '#', value: key.slice(1) });
      continue;
    }
    if (text[i] !== '=') {
      attributes.push({ key, value: undefined });
      continue;
    }
    i += 1;
    if (text[i] === '"') {
      const read = readQuoted(text, i + 1);
      if (read === undefined)
        return { ok: false, message: `attribute ${key}: the quoted value is not closed` };
      attributes.push({ key, value: read.value });
      i = read.end;
    } else {
      const valueStart = i;
      while (i < text.length && !isSpace(text[i])) i += 1;
      attributes.push({ key, value: text.slice(valueStart, i) });
    }
  }
  return { ok: true, attributes };
}

function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    // Only \" and \\ are escapes: any other backslash is kept, so a regex's `\s` needs none.
    if (char === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
      value += text[i + 1];
      i += 1;
    } else if (char === '"') {
      return { value, end: i + 1 };
    } else {
      value += char;
    }
  }
  return undefined;
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/** Writes one attribute; values with spaces, quotes or backslashes are quoted. */
export function formatAttribute(key: string, value?: string | number): string {
  if (value === undefined) return key;
  const text = String(value);
  if (text !== '' && !/[\s"\\{}]/.test(text)) return `${key}=${text}`;
  // A quote always takes a backslash; a backslash only where the reader would take it for an
  // escape (before a quote, a backslash or the closing quote), so `\s+` stays as written.
  return `${key}="${text.replace(/"|\\(?=["\\]|$)/g, (c) => `\\${c}`)}"`;
}

/**
 * Splits a trailing `{…}` attribute block off a heading's text. Returns undefined attributes when
 * the heading has none.
 */
export function splitHeadingAttributes(heading: string): { title: string; attributes: string | undefined } {
  const trimmed = heading.trimEnd();
  if (!trimmed.endsWith('}')) return { title: trimmed, attributes: undefined };
  const open = trimmed.lastIndexOf('{');
  if (open < 0) return { title: trimmed, attributes: undefined };
  return { title: trimmed.slice(0, open).trimEnd(), attributes: trimmed.slice(open + 1, -1) };
}
