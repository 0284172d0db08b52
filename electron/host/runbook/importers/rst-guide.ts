import { RunbookInputError } from '../errors';
import { hasPrompt } from './console';
import {
  admonitionKind,
  count,
  emptyGuide,
  guideWarning,
  type Guide,
  type GuideBlock,
  type GuideItem,
} from './guide';
import { rstInline, variableFor } from './rst-inline';

/** Section adornment: one punctuation character repeated (docutils accepts any of these). */
const adornment = /^([!-/:-@[-`{-~])\1{2,}\s*$/;
const directivePattern = /^(\s*)\.\.\s+([\w:-]{1,60})::(?:\s+(.*))?$/;
const bulletPattern = /^(\s*)([*+-]|#\.|\d{1,9}[.)])\s+/;
/** Deeper than this is not a guide (and would only cost time). */
const maxIndent = 128;

/** Reads a reStructuredText guide line by line into sections and blocks. */
export function readRstGuide(text: string, file: string): Guide {
  const guide = emptyGuide('restructuredtext');
  const lines = text.split('\n');
  readSubstitutions(lines, guide);
  new RstReader(lines, 0, file, guide, true).read(undefined);
  return guide;
}

/** `.. |name| replace:: value` anywhere: the variable's default, whatever comes first. */
function readSubstitutions(lines: string[], guide: Guide): void {
  for (const line of lines) {
    const found = /^\s*\.\.\s+\|([^|]{1,64})\|\s+replace::\s*(.*)$/.exec(line);
    if (found === null) continue;
    const name = found[1]!.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64);
    if (!guide.defaults.has(name)) guide.defaults.set(name, found[2]!.trim().replace(/``/g, ''));
  }
}

/**
 * Reads a run of lines (the whole file, or the dedented body of a list item) into blocks. `base`
 * is the line number of `lines[0]` minus one; nested bodies are read by a reader of their own,
 * so directives, lists and literal blocks inside list items are read like any others.
 */
class RstReader {
  private i = 0;
  private readonly styles: string[] = [];
  private blocks: GuideBlock[] = [];

  constructor(
    private readonly lines: string[],
    private readonly base: number,
    private readonly file: string,
    private readonly guide: Guide,
    private readonly topLevel: boolean,
  ) {}

  private get target(): GuideBlock[] {
    if (!this.topLevel) return this.blocks;
    return this.guide.sections.at(-1)?.blocks ?? this.guide.preamble;
  }

  /** Reads everything; returns the blocks (for a nested reader). */
  read(_: undefined): GuideBlock[] {
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      const indent = line.length - line.trimStart().length;
      if (indent > maxIndent)
        throw RunbookInputError.at(
          this.file,
          this.lineNo(),
          1,
          `indented more than ${maxIndent} columns: nested too deeply`,
        );
      if (line.trim() === '') this.i += 1;
      else if (this.topLevel && this.section()) continue;
      else if (directivePattern.test(line)) this.directive();
      else if (/^\s*\.\.(?:\s|$)/.test(line)) this.comment();
      else if (bulletPattern.test(line)) this.list();
      else this.paragraph();
    }
    return this.blocks;
  }

  private lineNo(offset = 0): number {
    return this.base + this.i + 1 + offset;
  }

  private section(): boolean {
    const [a = '', b = '', c = ''] = this.lines.slice(this.i, this.i + 3);
    let title: string | undefined;
    let style = '';
    if (adornment.test(a) && b.trim() !== '' && adornment.test(c) && a[0] === c[0] && !adornment.test(b)) {
      title = b.trim();
      style = `${a[0]}o`;
      this.i += 3;
    } else if (
      !/^\s/.test(a) &&
      !adornment.test(a) &&
      adornment.test(b) &&
      b.trim().length >= Math.min(3, a.trim().length)
    ) {
      title = a.trim();
      style = b[0]!;
      this.i += 2;
    }
    if (title === undefined) return false;
    if (!this.styles.includes(style)) this.styles.push(style);
    const line = this.base + this.i;
    this.guide.sections.push({
      title: rstInline(title, this.guide.variables, line),
      level: this.styles.indexOf(style) + 1,
      line,
      blocks: [],
    });
    return true;
  }

  /** The lines indented deeper than `indent` after line `this.i`; leaves `this.i` after them. */
  private body(indent: number): { lines: string[]; first: number; last: number } {
    const start = this.i;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      const depth = line.length - line.trimStart().length;
      if (line.trim() !== '' && depth <= indent) break;
      if (depth > maxIndent)
        throw RunbookInputError.at(
          this.file,
          this.lineNo(),
          1,
          `indented more than ${maxIndent} columns: nested too deeply`,
        );
      this.i += 1;
    }
    let first = start;
    let last = this.i - 1;
    while (last >= first && this.lines[last]!.trim() === '') last -= 1;
    while (first <= last && this.lines[first]!.trim() === '') first += 1;
    const lines = this.lines.slice(first, last + 1);
    const cut = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
    return {
      lines: lines.map((l) => l.slice(Number.isFinite(cut) ? cut : 0).trimEnd()),
      first: this.base + first + 1,
      last: this.base + Math.max(first, last) + 1,
    };
  }

  private directive(): void {
    const line = this.lineNo();
    const [, space = '', name = '', argument = ''] = directivePattern.exec(this.lines[this.i]!)!;
    this.i += 1;
    const options = new Map<string, string>();
    while (this.i < this.lines.length) {
      const option = /^\s+:([\w-]{1,40}):\s*(.*)$/.exec(this.lines[this.i]!);
      if (option === null) break;
      options.set(option[1]!, option[2]!.trim());
      this.i += 1;
    }
    const body = this.body(space.length);
    const endLine = Math.max(line, body.lines.length > 0 ? body.last : line);
    const lower = name.toLowerCase();
    if (lower === 'code-block' || lower === 'code' || lower === 'sourcecode') {
      count(this.guide, { kind: 'code', line, endLine });
      const text = body.lines.join('\n');
      const caption = options.get('caption');
      const block: GuideBlock = { type: 'code', language: argument.trim() || 'text', text, line };
      if (caption) block.caption = caption.replace(/``?/g, '');
      if (options.has('substitutions')) block.substitutions = true;
      this.target.push(block);
    } else if (lower === 'todo') {
      guideWarning(
        this.guide,
        this.file,
        line,
        `todo dropped: ${[argument, ...body.lines].join(' ').trim().slice(0, 120)}`,
        'info',
      );
    } else if (admonitionKind(lower) !== undefined) {
      const counted = count(this.guide, { kind: 'admonition', line, endLine });
      counted.probe = this.admonition(lower, argument, body, line).slice(0, 200);
    } else {
      guideWarning(this.guide, this.file, line, `directive '${name}' is not supported; dropped`);
    }
  }

  /** An admonition's body is read as blocks too: its prose is the note, its code joins the step. */
  private admonition(
    name: string,
    argument: string,
    body: { lines: string[]; first: number },
    line: number,
  ): string {
    const inner = new RstReader(body.lines, body.first - 1, this.file, this.guide, false).read(undefined);
    const prose = inner.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    const text = [rstInline(argument, this.guide.variables, line), ...prose].filter(Boolean).join('\n\n');
    this.target.push({ type: 'admonition', kind: admonitionKind(name)!, text: text.trim(), line });
    for (const block of inner) if (block.type !== 'text') this.target.push(block);
    return text;
  }

  private comment(): void {
    const line = this.lineNo();
    const first = this.lines[this.i]!;
    const indent = first.length - first.trimStart().length;
    this.i += 1;
    // An internal link target (`.. _name:`) is one line: an indented block after a blank line is
    // a block quote of its own, not the target's body.
    if (/^\s*\.\.\s+_[^:]{0,200}:\s*$/.test(first)) return;
    const body = this.body(indent).lines;
    const substitution = /^\s*\.\.\s+\|([^|]{1,64})\|\s+replace::\s*(.*)$/.exec(first);
    if (substitution !== null) {
      variableFor(substitution[1]!, this.guide.variables, line);
      return;
    }
    if (/^\s*\.\.\s+_[^:]{0,200}:/.test(first)) return; // a link target: nothing to show
    const text = [first.replace(/^\s*\.\.\s?/, ''), ...body].join(' ').trim();
    if (text !== '')
      guideWarning(this.guide, this.file, line, `comment dropped: ${text.slice(0, 120)}`, 'info');
  }

  /** A list: each item's body (the text after the bullet, and everything indented under it). */
  private list(): void {
    const line = this.lineNo();
    const first = this.lines[this.i]!;
    const [, space = '', marker = ''] = bulletPattern.exec(first)!;
    const ordered = !/^[*+-]$/.test(marker);
    const items: GuideItem[] = [];
    while (this.i < this.lines.length) {
      const current = this.lines[this.i]!;
      const match = bulletPattern.exec(current);
      if (current.trim() === '') {
        this.i += 1;
        continue;
      }
      if (match === null || match[1] !== space || /^[*+-]$/.test(match[2]!) === ordered) break;
      const itemLine = this.lineNo();
      const head = current.slice(match[0].length);
      this.i += 1;
      const rest = this.body(space.length);
      // The item's text starts after the bullet; what is indented under it is dedented to match.
      const lines = [head, ...this.continuation(rest.lines, itemLine, rest.first)];
      const blocks = new RstReader(lines, itemLine - 1, this.file, this.guide, false).read(undefined);
      const first = blocks.find((b) => b.type === 'text');
      const probe =
        first?.type === 'text' ? first.text.slice(0, 200) : rstInline(head, this.guide.variables, itemLine);
      count(this.guide, { kind: 'list-item', line: itemLine, endLine: Math.max(itemLine, rest.last), probe });
      items.push({ line: itemLine, blocks });
    }
    const holdsWork = items.some((item) => item.blocks.some((b) => b.type !== 'text'));
    if (ordered || holdsWork) this.target.push({ type: 'steps', items, line });
    else
      this.target.push({
        type: 'text',
        text: items
          .map((item) =>
            item.blocks
              .map((b) => (b.type === 'text' ? b.text : ''))
              .join('\n\n')
              .replace(/\n/g, '\n  '),
          )
          .map((text) => `- ${text}`)
          .join('\n'),
        line,
      });
  }

  /**
   * The lines under an item, placed so line numbers still match the source: a nested reader reads
   * `[head, ...lines]` as consecutive lines, so blank lines stand in for any gap.
   */
  private continuation(lines: string[], itemLine: number, firstLine: number): string[] {
    if (lines.length === 0) return [];
    const gap = Math.max(0, firstLine - itemLine - 1);
    return [...Array<string>(gap).fill(''), ...lines];
  }

  private paragraph(): void {
    const line = this.lineNo();
    const indent = this.lines[this.i]!.length - this.lines[this.i]!.trimStart().length;
    const lines: string[] = [];
    while (this.i < this.lines.length && this.lines[this.i]!.trim() !== '') {
      lines.push(this.lines[this.i]!.trim());
      this.i += 1;
    }
    let text = lines.join('\n');
    const literal = text.endsWith('::');
    if (literal) text = text.replace(/\s*::$/, text.endsWith(' ::') ? '' : ':');
    if (indent > 0) {
      // An indented paragraph with no directive is a block quote in rST.
      text = text.replace(/^/gm, '> ');
    }
    if (text.trim() !== '')
      this.target.push({
        type: 'text',
        text: escapeLineStarts(rstInline(text, this.guide.variables, line)),
        line,
      });
    if (literal) this.literal(indent);
  }

  private literal(indent: number): void {
    while (this.i < this.lines.length && this.lines[this.i]!.trim() === '') this.i += 1;
    const line = this.lineNo();
    const body = this.body(indent);
    const text = body.lines.join('\n');
    if (text === '') return;
    count(this.guide, { kind: 'literal', line, endLine: body.last });
    const prompted = hasPrompt(text);
    this.target.push({ type: 'code', language: prompted ? 'console' : 'text', text, line, literal: true });
    if (!prompted)
      guideWarning(this.guide, this.file, line, 'literal block without a prompt: shown, not run', 'info');
  }
}

/**
 * Plain rST text that Markdown would read as something else at the start of a line: a heading
 * (`# `), a list marker after a number (`1) `), a fence, or a quote. Escaped so it stays text.
 */
function escapeLineStarts(text: string): string {
  return text.replace(/^(#{1,6}(?=\s|$)|`{3,}|~{3,}|\d{1,9}(?=[.)]\s)|[+=](?=\s|$))/gm, (m) =>
    /^\d/.test(m) ? `${m}\\` : `\\${m}`,
  );
}
