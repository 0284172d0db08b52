import fc from 'fast-check';
import type { Root, RootContent } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import {
  terminalOutputToMarkdownBlock,
  terminalOutputToPlainText,
  untrustedTextToMarkdown,
  untrustedTextToPlainText,
} from '../../../electron/host/report/safe-markdown';
import { forbiddenRawCharacters } from '../../support/html-safety';
import { hostileString, injectionCorpus } from '../../support/injection-corpus';

const ESC = '\u001b';

/** GitHub-flavoured Markdown plus directives: the most a reader of the report could apply. */
function parse(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).use(remarkDirective).parse(markdown);
}

function nodeTypes(node: Root | RootContent, into = new Set<string>()): Set<string> {
  into.add(node.type);
  if ('children' in node) for (const child of node.children) nodeTypes(child, into);
  return into;
}

/** Text of the parsed Markdown: what a reader sees. */
function renderedText(node: Root | RootContent): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return '\n';
  if ('children' in node) return node.children.map(renderedText).join(node.type === 'root' ? '\n\n' : '');
  throw new Error(`unexpected ${node.type} node`);
}

/** Plain text and code spans (URLs and e-mail addresses go in code spans so GFM does not link them). */
const allowedNodes = ['root', 'paragraph', 'text', 'break', 'inlineCode'];

/** Markdown folds whitespace and line breaks; compare what remains. */
const squeeze = (text: string) => text.replace(/[\s\u00a0]+/g, '');

describe('untrusted text as Markdown', () => {
  it.each(injectionCorpus.map((entry) => [entry.name, entry] as const))(
    '%s: only paragraphs of text',
    (_name, entry) => {
      const markdown = untrustedTextToMarkdown(entry.input);
      expect(markdown).not.toMatch(forbiddenRawCharacters);
      const tree = parse(markdown);
      for (const type of nodeTypes(tree)) expect(allowedNodes).toContain(type);
      expect(squeeze(renderedText(tree))).toBe(squeeze(untrustedTextToPlainText(entry.input)));
    },
  );

  it.each([
    '[click](javascript:alert(1))',
    '![x](https://evil.example/pixel.png)',
    'https://evil.example and www.evil.example and ops@evil.example',
    '<https://evil.example>',
    '# Heading\n---\n> quote\n- item\n1. item\n| a | b |\n|---|---|\n| c | d |',
    '*em* __strong__ ~~del~~ `code` \\* [^1]\n\n[^1]: note',
    '[ref]\n\n[ref]: https://evil.example',
    ':::danger\nx\n:::\n::leaf{a=1}\n:text[x]',
    '    indented code\n\ttabbed',
    '<div onclick="x">html</div><!-- c -->',
  ])('neutralises %j', (input) => {
    const tree = parse(untrustedTextToMarkdown(input));
    for (const type of nodeTypes(tree)) expect(allowedNodes).toContain(type);
    expect(squeeze(renderedText(tree))).toBe(squeeze(input));
  });

  it('fits on one line for table cells', () => {
    expect(untrustedTextToMarkdown('a|b\nc', { singleLine: true })).toBe('a\\|b \u21b5 c');
  });

  it('holds for random hostile text', () => {
    fc.assert(
      fc.property(hostileString, (input) => {
        const tree = parse(untrustedTextToMarkdown(input));
        for (const type of nodeTypes(tree)) expect(allowedNodes).toContain(type);
        expect(squeeze(renderedText(tree))).toBe(squeeze(untrustedTextToPlainText(input)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('terminal output as a Markdown code block', () => {
  it('removes escape sequences and marks controls, like the HTML renderer', () => {
    expect(
      terminalOutputToPlainText(
        `${ESC}[31mred${ESC}[0m ${ESC}]8;;https://x${ESC}\\link${ESC}]8;;${ESC}\\\u0000\u202e`,
      ),
    ).toBe('red link\u2400<U+202E>');
  });

  it('uses a fence longer than any backtick run inside', () => {
    const block = terminalOutputToMarkdownBlock('a ``` b\n````\n');
    expect(block).toBe('`````text\na ``` b\n````\n`````\n');
  });

  it.each(injectionCorpus.map((entry) => [entry.name, entry] as const))(
    '%s: one code node',
    (_name, entry) => {
      const block = terminalOutputToMarkdownBlock(entry.input);
      expect(block).not.toMatch(forbiddenRawCharacters);
      const tree = parse(block);
      expect(tree.children).toHaveLength(1);
      const [code] = tree.children;
      expect(code?.type).toBe('code');
      if (code?.type === 'code')
        expect(code.value).toBe(terminalOutputToPlainText(entry.input).replace(/\n$/, ''));
    },
  );

  it('holds for random output with backtick runs', () => {
    const withBackticks = fc.string({
      unit: fc.oneof(fc.constantFrom('`', '``', '```', '~~~', '\n'), fc.string()),
    });
    fc.assert(
      fc.property(fc.oneof(withBackticks, hostileString, fc.uint8Array({ maxLength: 80 })), (input) => {
        const tree = parse(terminalOutputToMarkdownBlock(input));
        expect(tree.children).toHaveLength(1);
        const [code] = tree.children;
        expect(code?.type).toBe('code');
        if (code?.type === 'code')
          expect(code.value).toBe(terminalOutputToPlainText(input).replace(/\n$/, ''));
      }),
      { numRuns: 500 },
    );
  });
});
