import type { Blockquote, Code, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
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
import {
  admonitionKind,
  count,
  emptyGuide,
  guideWarning,
  type Guide,
  type GuideBlock,
  type GuideItem,
} from './guide';

// Guides (unlike runbook files) use Docusaurus `:::warning` admonitions, so directives are on.
// Text is always taken from the source as written, so inline directives never alter it.
const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkDirective);

/** Reads a Markdown or MDX (Docusaurus) guide into sections and blocks. */
export function readMarkdownGuide(input: string, file: string): Guide {
  const text = normaliseDirectiveTitles(input);
  checkMarkdownLimits(text, file);
  const root: Root = processor.parse(text);
  const source: SourceFile = { text, file, diagnostics: [] };
  rejectUnterminatedFences(source, root);
  const guide = emptyGuide('markdown');
  const reader = new BlockReader(source, guide);
  for (const node of root.children) {
    if (node.type === 'yaml') readFront(guide, node.value, file, lineOf(node) + 1);
    else if (node.type === 'heading') {
      const title = sliceInner(source, node.children).trim();
      guide.sections.push({ title, level: node.depth, line: lineOf(node), blocks: [] });
    } else reader.add(node, guide.sections.at(-1)?.blocks ?? guide.preamble);
  }
  reader.close(guide.sections.at(-1)?.blocks ?? guide.preamble);
  return guide;
}

/**
 * Docusaurus writes a titled admonition `:::info Where this runs`; remark-directive only knows
 * `:::info[Where this runs]`. Rewritten on the same line, so every line number stays the same.
 */
function normaliseDirectiveTitles(text: string): string {
  return text.replace(
    /^([ \t]{0,3}:{3,}[ \t]*)([A-Za-z][\w-]{0,40})[ \t]+([^\n[\]{}]{1,200}?)[ \t]*$/gm,
    (_, marker: string, name: string, title: string) => `${marker}${name}[${title}]`,
  );
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

/**
 * The source text of a run of nodes, its later lines dedented by the first node's column: inside
 * a list item every line carries the item's indentation, which written under a step heading
 * would make a second paragraph an indented code block.
 */
function sliceInner(source: SourceFile, nodes: RootContent[]): string {
  const first = nodes[0];
  const last = nodes.at(-1);
  if (first === undefined || last === undefined) return '';
  const text = source.text.slice(first.position?.start.offset ?? 0, last.position?.end.offset ?? 0);
  return dedentLater(text, (first.position?.start.column ?? 1) - 1);
}

function dedentLater(text: string, columns: number): string {
  if (columns <= 0 || !text.includes('\n')) return text;
  const pattern = new RegExp(`\\n[ \\t]{0,${Math.min(columns, 200)}}`, 'g');
  return text.replace(pattern, '\n');
}

class BlockReader {
  private tabs: { block: Extract<GuideBlock, { type: 'tabs' }>; target: GuideBlock[] } | undefined;

  constructor(
    private readonly source: SourceFile,
    private readonly guide: Guide,
    /** Reading a list item: a nested list stays a list of items, whatever it holds. */
    private readonly inItem = false,
  ) {}

  add(node: RootContent, target: GuideBlock[]): void {
    const into = this.tabs?.block.tabs.at(-1)?.blocks ?? target;
    switch (node.type) {
      case 'code':
        this.code(node, into);
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
      case 'blockquote':
        this.quote(node, into);
        return;
      case 'heading':
        // A heading inside a list item or an admonition: bold text, it cannot start a section here.
        into.push({
          type: 'text',
          text: `**${sliceInner(this.source, node.children).trim()}**`,
          line: lineOf(node),
        });
        return;
      default:
        into.push({ type: 'text', text: this.slice(node), line: lineOf(node) });
    }
  }

  /** Tabs left open at the end of a container: kept, with a warning, rather than lost. */
  close(target: GuideBlock[]): void {
    if (this.tabs === undefined) return;
    guideWarning(this.guide, this.source.file, this.tabs.block.line, '<Tabs> is never closed');
    this.tabs.target.push(this.tabs.block);
    this.tabs = undefined;
    void target;
  }

  private code(node: Code, into: GuideBlock[]): void {
    const line = lineOf(node);
    count(this.guide, { kind: 'code', line, endLine: node.position?.end.line ?? line });
    const block: GuideBlock = { type: 'code', language: node.lang ?? '', text: node.value, line };
    const title = /(?:^|\s)title=(?:"([^"\n]{1,300})"|'([^'\n]{1,300})'|(\S{1,300}))/.exec(node.meta ?? '');
    if (title !== null) block.caption = title[1] ?? title[2] ?? title[3];
    into.push(block);
  }

  private slice(node: RootContent): string {
    return sliceInner(this.source, [node]);
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

  /** A GitHub alert (`> [!NOTE]`) is a note; any other quote is prose. */
  private quote(node: Blockquote, into: GuideBlock[]): void {
    const text = this.slice(node);
    const body = text.replace(/^ {0,3}> ?/gm, '');
    const alert = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i.exec(body);
    if (alert === null) {
      into.push({ type: 'text', text, line: lineOf(node) });
      return;
    }
    const line = lineOf(node);
    const note = body.slice(alert[0].length).trim();
    const endLine = node.position?.end.line ?? line;
    count(this.guide, { kind: 'admonition', line, endLine, probe: note.slice(0, 200) });
    into.push({ type: 'admonition', kind: admonitionKind(alert[1]!) ?? 'note', text: note, line });
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

  /** An admonition's prose is the note; code inside it is read as blocks of the step. */
  private directive(node: ContainerDirective, into: GuideBlock[]): void {
    const kind = admonitionKind(node.name);
    const label = node.children.find((child) => child.type === 'paragraph' && child.data?.directiveLabel);
    const body = node.children.filter((child) => child !== label) as RootContent[];
    const line = lineOf(node);
    if (kind === undefined) {
      guideWarning(
        this.guide,
        this.source.file,
        line,
        `unknown directive :::${node.name}; its content is kept as text`,
      );
      for (const child of body) this.add(child, into);
      return;
    }
    const counted = count(this.guide, { kind: 'admonition', line, endLine: node.position?.end.line ?? line });
    const inner: GuideBlock[] = [];
    const reader = new BlockReader(this.source, this.guide);
    for (const child of body) reader.add(child, inner);
    reader.close(inner);
    const title =
      label === undefined
        ? ''
        : `**${sliceInner(this.source, (label as Paragraph).children as RootContent[]).trim()}**`;
    const prose = inner.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    const text = [title, ...prose].filter((t) => t !== '').join('\n\n');
    counted.probe = text.slice(0, 200);
    into.push({ type: 'admonition', kind, text, line });
    for (const block of inner) if (block.type !== 'text') into.push(block);
  }

  /**
   * Ordered lists, "Step N:" lists and lists holding commands are steps: each item is read into
   * blocks of its own (code, notes, tabs, nested lists), so an item is one step with all of them.
   */
  private list(node: List, into: GuideBlock[]): void {
    const items = node.children;
    const stepLike = items.every((item) =>
      /^\s*(?:\*\*)?step\s+\d+/i.test(sliceInner(this.source, item.children as RootContent[])),
    );
    const holdsWork = containsCode(node) || hasInlineCommand(this.source, node) || containsTabs(node);
    for (const item of items) {
      const line = lineOf(item);
      const head = item.children[0];
      const probe =
        head?.type === 'paragraph' ? sliceInner(this.source, head.children as RootContent[]) : undefined;
      const endLine = item.position?.end.line ?? line;
      count(this.guide, { kind: 'list-item', line, endLine, ...(probe !== undefined ? { probe } : {}) });
    }
    if (!holdsWork && !node.ordered && !stepLike && !this.inItem) {
      into.push({ type: 'text', text: this.slice(node), line: lineOf(node) });
      return;
    }
    if (!holdsWork) {
      into.push({
        type: 'steps',
        items: items.map((item) => ({
          line: lineOf(item),
          blocks: [
            {
              type: 'text',
              text: sliceInner(this.source, item.children as RootContent[]),
              line: lineOf(item),
            },
          ],
        })),
        line: lineOf(node),
      });
      return;
    }
    into.push({ type: 'steps', items: items.map((item) => this.item(item)), line: lineOf(node) });
  }

  private item(item: ListItem): GuideItem {
    const blocks: GuideBlock[] = [];
    const reader = new BlockReader(this.source, this.guide, true);
    for (const child of item.children) reader.add(child, blocks);
    reader.close(blocks);
    const inline = inlineCommandOf(this.source, item);
    if (inline !== undefined) {
      blocks.push({ type: 'code', language: 'bash', text: inline, line: lineOf(item) });
      const message = `inline command \`${inline}\` made a runnable step: check it`;
      guideWarning(this.guide, this.source.file, lineOf(item), message, 'info');
    }
    return { line: lineOf(item), blocks };
  }
}

function containsTabs(node: List): boolean {
  const stack: RootContent[] = [...node.children];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.type === 'html' && /<Tabs\b/.test(next.value)) return true;
    if ('children' in next) stack.push(...(next.children as RootContent[]));
  }
  return false;
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
