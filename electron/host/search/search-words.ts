/**
 * Words as FTS5's default tokenizer (unicode61, diacritics removed) sees them: runs of letters,
 * digits and combining marks; everything else separates. The same folding is used to find the
 * words again in a text for its snippet.
 */
const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;

/** Lowercase, accents removed: how unicode61 compares tokens. */
export function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The query's words, folded, in order (at most 32: a longer query is not a search). */
export function queryWords(text: string): string[] {
  return [...text.matchAll(wordPattern)]
    .map((match) => foldWord(match[0]))
    .filter((word) => word !== '')
    .slice(0, 32);
}

/** FTS5 query for the words as one phrase. Words hold no quote, so nothing in them is syntax. */
export function phraseQuery(words: readonly string[]): string {
  return `"${words.join(' ')}"`;
}

/** FTS5 query for all the words, anywhere in the text. */
export function allWordsQuery(words: readonly string[]): string {
  return words.map((word) => `"${word}"`).join(' ');
}

export interface WordAt {
  word: string;
  start: number;
  end: number;
}

/** The words of a text with where they are, folded for comparison. */
export function* wordsIn(text: string): Generator<WordAt> {
  for (const match of text.matchAll(wordPattern)) {
    yield { word: foldWord(match[0]), start: match.index, end: match.index + match[0].length };
  }
}
