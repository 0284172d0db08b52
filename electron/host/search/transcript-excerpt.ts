import { toPlainText } from '../terminal/plain-text';
import { anchorOf, snippetChars } from './snippet';

/**
 * Raw bytes read either side of a place where a searched word may be. A snippet shows about
 * 220 characters around its word (snippet.ts), and escape sequences make raw output longer than
 * what it shows (about a third of kolla-ansible's coloured output is SGR sequences).
 */
const rawBefore = 600;
const rawAfter = 1200;
/** Places tried in a chunk before its whole text is stripped instead. */
const maxTries = 4;
/**
 * What may not follow a word for it to end there, in bytes read as Latin-1: ASCII letters and
 * digits, and any byte of a UTF-8 sequence (every non-ASCII letter of unicode61's words is one).
 */
const wordByte = '[A-Za-z0-9\\x80-\\xff]';

/**
 * The text a transcript hit's snippet is made from, read from its chunk (issue 16, item 5): the
 * search index keeps no copy of the text (migration 0011), and a chunk is up to 64 KiB.
 *
 * Only a window around the searched word is stripped of escapes: the word is looked for in the
 * raw output, a window of lines around it made plain, and kept if it holds the word as a whole
 * word (the phrase, for an exact-phrase hit). Where no window does (a word with diacritics, a word
 * split by an escape sequence, a phrase far into the chunk), the whole chunk is stripped: the
 * snippet is always the one a full read would centre, only cheaper when it can be.
 */
/**
 * Plain text of the part of a chunk's bytes `data` that holds `words` (folded, as queryWords
 * gives them). `phrase`: the hit is of the exact phrase, so a window must hold the phrase, not one
 * word of it. The search's ranking query reads the bytes (search-sources.ts).
 */
export function chunkExcerpt(data: Buffer, words: readonly string[], phrase: boolean): string {
  return windowWithWords(data, words, phrase && words.length > 1) ?? toPlainText(data.toString('utf8'));
}

function windowWithWords(data: Buffer, words: readonly string[], phrase: boolean): string | undefined {
  const first = words[0];
  if (first === undefined || !isAscii(first)) return undefined;
  // The bytes are searched as Latin-1 (one character per byte, no UTF-8 decoding of the whole
  // chunk): an ASCII word is the same bytes either way, and positions are byte offsets.
  // Case-insensitive, as the index folds case; not after a letter is not required, because a
  // coloured word follows its SGR sequence's final letter ("\x1b[32mok").
  const bytes = data.toString('latin1');
  const pattern = new RegExp(`${escapeRegExp(first)}(?!${wordByte})`, 'gi');
  let tries = 0;
  for (const match of bytes.matchAll(pattern)) {
    if (++tries > maxTries) break;
    const window = windowAround(bytes, match.index);
    const text = toPlainText(data.toString('utf8', window.start, window.end));
    const anchor = anchorOf(text, words);
    if (anchor === undefined || (phrase && !anchor.phrase)) continue;
    // The words found may be near the window's end (this place was inside a longer word): the
    // next place is nearer them, unless the window already runs to the chunk's end.
    if (window.toEnd || text.length - anchor.end >= snippetChars) return text;
  }
  return undefined;
}

/**
 * `rawAfter` on from `at`, and back to the start of the line `rawBefore` before it (so no escape
 * sequence is cut there, and the snippet's lead of context is there); on a line longer than that,
 * `rawBefore` back.
 */
function windowAround(bytes: string, at: number): { start: number; end: number; toEnd: boolean } {
  const earliest = Math.max(0, at - rawBefore);
  const lineBreak = earliest === 0 ? -1 : bytes.lastIndexOf('\n', earliest);
  const start = lineBreak !== -1 && earliest - lineBreak <= rawBefore ? lineBreak + 1 : earliest;
  const end = Math.min(bytes.length, at + rawAfter);
  return { start, end, toEnd: end === bytes.length };
}

function isAscii(word: string): boolean {
  // eslint-disable-next-line no-control-regex -- the ASCII range, controls included
  return /^[\u0000-\u007f]*$/.test(word);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
