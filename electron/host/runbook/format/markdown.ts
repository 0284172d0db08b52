import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { RunbookInputError } from '../errors';

/**
 * The Markdown reader for runbook files and Markdown guides. micromark's list handling grows
 * faster than linearly with nesting depth (1000 nested levels took 30 s here), and the whole
 * parser runs at roughly 250 kB/s on a loaded 2-core machine (1 MB of generated guide: 4 s at load
 * average 6.8), so both are bounded before parsing. 8 MB keeps the worst case near half a minute
 * while leaving room for the 5 MB generated guide `npm run bench -- import` measures; real guides
 * are tens of kilobytes.
 */
export const maxMarkdownBytes = 8 * 1024 * 1024;
export const maxNestingDepth = 64;

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

export function parseMarkdown(text: string, file: string): Root {
  checkMarkdownLimits(text, file);
  return processor.parse(text);
}

/** Refuses input the Markdown parser would take too long on: too large or nested too deep. */
export function checkMarkdownLimits(text: string, file: string): void {
  if (text.length > maxMarkdownBytes) {
    const limit = maxMarkdownBytes / 1024 / 1024;
    throw RunbookInputError.at(file, 1, 1, `the file is larger than ${limit} MB: not a runbook or guide`);
  }
  checkNesting(text, file);
}

/**
 * Rejects lists and block quotes nested deeper than maxNestingDepth. Depth per line is estimated
 * from its leading container prefix: each `>` and list marker counts one, every two columns of
 * indentation count one (list content is indented at least two columns per level).
 */
function checkNesting(text: string, file: string): void {
  let line = 1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const depth = prefixDepth(text, lineStart);
    if (depth > maxNestingDepth) {
      throw RunbookInputError.at(
        file,
        line,
        1,
        `lists or quotes are nested more than ${maxNestingDepth} levels deep`,
      );
    }
    const next = text.indexOf('\n', lineStart);
    if (next < 0) break;
    lineStart = next + 1;
    line += 1;
  }
}

function prefixDepth(text: string, start: number): number {
  let depth = 0;
  let columns = 0;
  let i = start;
  for (; i < text.length; i += 1) {
    const char = text[i];
    if (char === ' ') columns += 1;
    else if (char === '\t') columns += 4;
    else if (char === '>') depth += 1;
    else if ((char === '-' || char === '*' || char === '+') && isSpaceOrEnd(text[i + 1])) depth += 1;
    else if (char !== undefined && char >= '0' && char <= '9') {
      let j = i;
      while (j < text.length && j - i < 10 && text[j]! >= '0' && text[j]! <= '9') j += 1;
      if ((text[j] === '.' || text[j] === ')') && isSpaceOrEnd(text[j + 1])) {
        depth += 1;
        i = j;
      } else break;
    } else break;
  }
  return depth + Math.floor(columns / 2);
}

function isSpaceOrEnd(char: string | undefined): boolean {
  return char === undefined || char === ' ' || char === '\t' || char === '\n';
}
