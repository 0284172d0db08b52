import type { HighlightRange, Snippet } from '../../../shared/contract/index';
import { wordsIn, type WordAt } from './search-words';

/** Characters of context before the first highlighted word, and the snippet's usual length. */
const leadChars = 60;
export const snippetChars = 220;
const ellipsis = '…';

/**
 * A short excerpt of `text` around the searched words, as plain text with the ranges to highlight.
 * The phrase, where the text has it, is one range; otherwise every searched word in the excerpt is.
 * Control characters and line breaks become spaces (same length, so the ranges stay right): a
 * snippet is one line and never carries a terminal's escape or a raw control byte.
 */
export function buildSnippet(text: string, words: readonly string[]): Snippet {
  const wanted = new Set(words);
  const anchor = anchorOf(text, words);
  if (anchor === undefined) return { text: oneLine(text.slice(0, snippetChars)), highlights: [] };
  let start = Math.max(0, anchor.start - leadChars);
  if (start > 0) {
    const space = text.lastIndexOf(' ', anchor.start);
    if (space >= start) start = space + 1;
  }
  const end = Math.min(text.length, Math.max(anchor.end, start + snippetChars));
  const prefix = start > 0 ? ellipsis : '';
  const body = oneLine(text.slice(start, end));
  const shift = (at: number) => at - start + prefix.length;
  const highlights: HighlightRange[] = anchor.phrase
    ? [{ start: shift(anchor.start), end: shift(anchor.end) }]
    : [...wordsIn(text.slice(start, end))]
        .filter((found) => wanted.has(found.word))
        .map((found) => ({ start: found.start + prefix.length, end: found.end + prefix.length }));
  return { text: `${prefix}${body}${end < text.length ? ellipsis : ''}`, highlights };
}

export interface Anchor {
  start: number;
  end: number;
  /** The words were found as the phrase, not only one of them. */
  phrase: boolean;
}

/** Where a snippet of `text` is centred: the phrase where the text has it, else the first word. */
export function anchorOf(text: string, words: readonly string[]): Anchor | undefined {
  return findPhrase(text, words) ?? firstWord(text, new Set(words));
}

function findPhrase(text: string, words: readonly string[]): Anchor | undefined {
  if (words.length < 2) return undefined;
  const recent: WordAt[] = [];
  for (const found of wordsIn(text)) {
    recent.push(found);
    if (recent.length > words.length) recent.shift();
    if (recent.length === words.length && recent.every((item, index) => item.word === words[index]))
      return { start: (recent[0] as WordAt).start, end: found.end, phrase: true };
  }
  return undefined;
}

function firstWord(text: string, wanted: ReadonlySet<string>): Anchor | undefined {
  for (const found of wordsIn(text)) {
    if (wanted.has(found.word)) return { start: found.start, end: found.end, phrase: false };
  }
  return undefined;
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
