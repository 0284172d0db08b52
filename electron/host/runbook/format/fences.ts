import type { Code, Root, RootContent } from 'mdast';
import { RunbookInputError } from '../errors';
import { sliceOf, type SourceFile } from './source';

/**
 * An unclosed fence swallows the rest of its container: every step after it would silently
 * become code. CommonMark accepts it, so it is found here: a fenced block whose last line is not
 * a closing fence of the same character and at least the same length.
 */
export function rejectUnterminatedFences(source: SourceFile, root: Root): void {
  for (const node of codeNodes(root)) {
    const lines = sliceOf(source, node).split('\n');
    const opener = /^[\s>]*(?:(?:[-*+]|\d{1,9}[.)])\s+)*(`{3,}|~{3,})/.exec(lines[0] ?? '');
    if (opener === null) return; // an indented code block: it has no fence to close
    const fence = opener[1]!;
    const last =
      lines.length > 1
        ? lines
            .at(-1)!
            .replace(/^[\s>]*/, '')
            .trimEnd()
        : '';
    const closed = last.length >= fence.length && [...last].every((c) => c === fence[0]);
    if (!closed) {
      const line = node.position?.start.line ?? 1;
      throw RunbookInputError.at(
        source.file,
        line,
        node.position?.start.column ?? 1,
        `the code block opened here with ${fence} is never closed`,
      );
    }
  }
}

/** Every code node, depth first, without recursion (the input's nesting is already bounded). */
function codeNodes(root: Root): Code[] {
  const found: Code[] = [];
  const stack: RootContent[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'code') found.push(node);
    if ('children' in node) stack.push(...[...(node.children as RootContent[])].reverse());
  }
  return found;
}
