import type { List, ListItem, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseDocument } from 'yaml';
import { RunbookInputError } from '../errors';
import { rejectUnterminatedFences } from '../format/fences';
import { checkMarkdownLimits } from '../format/markdown';
import { sliceOf, type SourceFile } from '../format/source';
import { admonitionKind, guideWarning, type Guide, type GuideBlock } from './guide';

// Guides (unlike runbook files) use Docusaurus `:::warning` admonitions, so directives are on.
// Text is always taken from the source as written, so inline directives never alter it.
const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkDirective);

/** Reads a Markdown or MDX (Docusaurus) guide into sections and blocks. */
export function readMarkdownGuide(text: string, file: string): Guide {
  checkMarkdownLimits(text, file);
  const root: Root = processor.parse(text);
  const source: SourceFile = { text, file, diagnostics: [] };
  rejectUnterminatedFences(source, root);
  const guide: Guide = { preamble: [], sections: [], variables: new Map(), warnings: [] };
  const reader = new BlockReader(source, guide);
  for (const node of root.children) {
    if (node.type === 'yaml') readFront(guide, node.value, file, lineOf(node) + 1);
    else if (node.type === 'heading') {
      const title = sliceInner(source, node.children).trim();
      guide.sections.push({ title, level: node.depth, line: lineOf(node), blocks: [] });
    } else reader.add(node, guide.sections.at(-1)?.blocks ?? guide.preamble);
  }
  return guide;
}

/** Front matter gives the title and description; YAML that does not parse stops the import. */
function readFront(guide: Guide, yaml: string, file: string, firstLine: number): void {
  const doc = parseDocument(yaml, { schema: 'failsafe' });
  const [error] = doc.errors;
  if (error !== undefined) {
    const at = error.linePos?.[0];
    const message = `front matter is not valid YAML: ${error.message.split('\n')[0]}`;
    throw RunbookInputError.at(file, firstLine + (at ? at.line - 1 : 0), at?.col ?? 1, message);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    throw RunbookInputError.at(file, firstLine, 1, 'front matter has too many YAML aliases');
  }
  if (typeof data !== 'object' || data === null) return;
  const record = data as Record<string, unknown>;
  if (typeof record.title === 'string') guide.title = record.title;
  if (typeof record.description === 'string') guide.description = record.description;
}

function lineOf(node: RootContent): number {
  return node.position?.start.line ?? 1;
}

function sliceInner(source: SourceFile, nodes: RootContent[]): string {
  const first = nodes[0];
  const last = nodes.at(-1);
  if (first === undefined || last === undefined) return '';
  return source.text.slice(first.position?.start.offset ?? 0, last.position?.end.offset ?? 0);
}

class BlockReader {
  private tabs: { block: Extract<GuideBlock, { type: 'tabs' }>; target: GuideBlock[] } | undefined;

  constructor(
    private readonly source: SourceFile,
    private readonly guide: Guide,
  ) {}

  add(node: RootContent, target: GuideBlock[]): void {
    const into = this.tabs?.block.tabs.at(-1)?.blocks ?? target;
    switch (node.type) {
      case 'code':
        into.push({ type: 'code', language: node.lang ?? '', text: node.value, line: lineOf(node) });
        return;
      case 'html':
        this.html(node.value, lineOf(node), target);
        return;
      case 'containerDirective':
        this.directive(node, into);
        return;
      case 'list':
        this.list(node, into);
        return;
      case 'paragraph':
        this.paragraph(node, into);
        return;
      default:
        into.push({ type: 'text', text: this.slice(node), line: lineOf(node) });
    }
  }

  private slice(node: RootContent): string {
    return this.source.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  }

  private paragraph(node: RootContent, into: GuideBlock[]): void {
    const text = this.slice(node);
    const esm = /^(?:import|export)\s[^\n]*(?:from\s+['"]|=)/;
    if (text.split('\n').every((line) => esm.test(line))) {
      text.split('\n').forEach((line, index) => {
        const message = `MDX ${line.split(/\s/)[0]} line dropped: ${line.slice(0, 100)}`;
        guideWarning(this.guide, this.source.file, lineOf(node) + index, message, 'info');
      });
      return;
    }
    if (/^:::/.test(text)) {
      guideWarning(
        this.guide,
        this.source.file,
        lineOf(node),
        `admonition marker '${text.split('\n')[0]}' not understood; kept as text`,
      );
    }
    into.push({ type: 'text', text, line: lineOf(node) });
  }

  /** `<Tabs>`, `<TabItem value="x" label="Y">` and their closing tags, several per node possibly. */
  private html(value: string, line: number, target: GuideBlock[]): void {
    const tags = [...value.matchAll(/<(\/?)(Tabs|TabItem)\b([^<>]{0,500})>/g)];
    if (tags.length === 0) {
      (this.tabs?.block.tabs.at(-1)?.blocks ?? target).push({ type: 'text', text: value, line });
      return;
    }
    for (const [, closing, name, attributes] of tags) {
      if (name === 'Tabs' && !closing) {
        this.tabs = { block: { type: 'tabs', tabs: [], line }, target };
      } else if (name === 'Tabs' && this.tabs !== undefined) {
        this.tabs.target.push(this.tabs.block);
        this.tabs = undefined;
      } else if (name === 'TabItem' && !closing && this.tabs !== undefined) {
        const label =
          /label=["']([^"']{0,200})["']/.exec(attributes ?? '')?.[1] ??
          /value=["']([^"']{0,200})["']/.exec(attributes ?? '')?.[1];
        this.tabs.block.tabs.push({ label: label ?? `Tab ${this.tabs.block.tabs.length + 1}`, blocks: [] });
      }
    }
  }

  private directive(node: ContainerDirective, into: GuideBlock[]): void {
    const kind = admonitionKind(node.name);
    const body = node.children.filter((child) => !(child.type === 'paragraph' && child.data?.directiveLabel));
    const text = sliceInner(this.source, body as RootContent[]).trim();
    if (kind === undefined) {
      guideWarning(
        this.guide,
        this.source.file,
        lineOf(node),
        `unknown directive :::${node.name}; its content is kept as text`,
      );
      into.push({ type: 'text', text, line: lineOf(node) });
      return;
    }
    into.push({ type: 'admonition', kind, text, line: lineOf(node) });
  }

  /** Ordered lists and "Step N:" lists may become steps; lists holding commands are unpacked. */
  private list(node: List, into: GuideBlock[]): void {
    const items = node.children;
    const stepLike = items.every((item) =>
      /^\s*(?:\*\*)?step\s+\d+/i.test(sliceInner(this.source, item.children as RootContent[])),
    );
    if (containsCode(node) || hasInlineCommand(this.source, node)) {
      for (const item of items) this.unpackItem(item, into);
    } else if (node.ordered || stepLike) {
      into.push({
        type: 'steps',
        items: items.map((item) => ({
          text: sliceInner(this.source, item.children as RootContent[]),
          line: lineOf(item),
        })),
        line: lineOf(node),
      });
    } else {
      into.push({ type: 'text', text: this.slice(node), line: lineOf(node) });
    }
  }

  private unpackItem(item: ListItem, into: GuideBlock[]): void {
    for (const child of item.children) {
      if (child.type === 'list') this.list(child, into);
      else if (child.type === 'code') this.add(child, into);
      else into.push({ type: 'text', text: `- ${this.slice(child)}`, line: lineOf(child) });
    }
    const inline = inlineCommandOf(this.source, item);
    if (inline === undefined) return;
    into.push({ type: 'code', language: 'bash', text: inline, line: lineOf(item) });
    const message = `inline command \`${inline}\` made a runnable step: check it`;
    guideWarning(this.guide, this.source.file, lineOf(item), message, 'info');
  }
}

/**
 * A list item that reads "Do this: `some command args`" (the inline code ends its first
 * paragraph and looks like a command line: a lowercase program name, then arguments) is a step
 * in slide-style guides. Paths, single words and elided commands (`osism update ...`) are not.
 */
function hasInlineCommand(source: SourceFile, list: List): boolean {
  return list.children.some(
    (item) =>
      inlineCommandOf(source, item) !== undefined ||
      item.children.some((child) => child.type === 'list' && hasInlineCommand(source, child)),
  );
}

function inlineCommandOf(source: SourceFile, item: ListItem): string | undefined {
  const paragraph = item.children[0];
  if (paragraph?.type !== 'paragraph') return undefined;
  const last = paragraph.children.at(-1);
  const code = last?.type === 'inlineCode' ? last : undefined;
  if (code === undefined) return undefined;
  const value = code.value.trim();
  if (!/^[a-z][\w.-]{0,40} [^`\n]{1,400}$/.test(value) || value.includes('...')) return undefined;
  return sliceOf(source, paragraph).trimEnd().endsWith('`') ? value : undefined;
}

function containsCode(node: List): boolean {
  const stack: RootContent[] = [...node.children];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.type === 'code') return true;
    if ('children' in next) stack.push(...(next.children as RootContent[]));
  }
  return false;
}
