import type { Snippet } from '../../../shared/contract/index';

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/**
 * A snippet cut into plain and highlighted pieces. Ranges from the host are clamped to the text,
 * sorted and merged, so a bad range can never drop or repeat a character.
 */
export function snippetParts(snippet: Snippet): SnippetPart[] {
  const length = snippet.text.length;
  const ranges = snippet.highlights
    .map((range) => ({
      start: Math.max(0, Math.min(length, range.start)),
      end: Math.max(0, Math.min(length, range.end)),
    }))
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.start - b.start);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const range of ranges) {
    const start = Math.max(at, range.start);
    if (range.end <= start) continue;
    if (start > at) parts.push({ text: snippet.text.slice(at, start), marked: false });
    const last = parts.at(-1);
    const text = snippet.text.slice(start, range.end);
    if (start === at && last?.marked === true) last.text += text;
    else parts.push({ text, marked: true });
    at = range.end;
  }
  if (at < length) parts.push({ text: snippet.text.slice(at), marked: false });
  return parts;
}
