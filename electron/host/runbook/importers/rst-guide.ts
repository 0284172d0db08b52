import { RunbookInputError } from '../errors';
import { readConsole } from './console';
import { admonitionKind, guideWarning, type Guide, type GuideBlock } from './guide';
import { rstInline, substitute, variableFor } from './rst-inline';

/** Section adornment: one punctuation character repeated (docutils accepts any of these). */
const adornment = /^([!-/:-@[-`{-~])\1{2,}\s*$/;
const directivePattern = /^(\s*)\.\.\s+([\w:-]{1,60})::(?:\s+(.*))?$/;
const bulletPattern = /^(\s*)([*+-]|#\.|\d{1,9}[.)])\s+/;
/** Deeper than this is not a guide (and would only cost time). */
const maxIndent = 128;

/** Reads a reStructuredText guide line by line into sections and blocks. */
export function readRstGuide(text: string, file: string): Guide {
  const guide: Guide = { preamble: [], sections: [], variables: new Map(), warnings: [] };
  new RstReader(text.split('\n'), file, guide).read();
  return guide;
}

class RstReader {
  private i = 0;
  private readonly styles: string[] = [];

  constructor(
    private readonly lines: string[],
    private readonly file: string,
    private readonly guide: Guide,
  ) {}

  private get target(): GuideBlock[] {
    return this.guide.sections.at(-1)?.blocks ?? this.guide.preamble;
  }

  read(): void {
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      const indent = line.length - line.trimStart().length;
      if (indent > maxIndent)
        throw RunbookInputError.at(
          this.file,
          this.i + 1,
          1,
          `indented more than ${maxIndent} columns: nested too deeply`,
        );
      if (line.trim() === '') this.i += 1;
      else if (this.section()) continue;
      else if (directivePattern.test(line)) this.directive();
      else if (/^\s*\.\.(?:\s|$)/.test(line)) this.comment();
      else if (bulletPattern.test(line)) this.list();
      else this.paragraph();
    }
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
    const line = this.i;
    this.guide.sections.push({
      title: rstInline(title, this.guide.variables, line),
      level: this.styles.indexOf(style) + 1,
      line,
      blocks: [],
    });
    return true;
  }

  /** The indented lines after line `this.i`, dedented; leaves `this.i` after them. */
  private body(indent: number): string[] {
    const start = this.i;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      const depth = line.length - line.trimStart().length;
      if (line.trim() !== '' && depth <= indent) break;
      if (depth > maxIndent)
        throw RunbookInputError.at(
          this.file,
          this.i + 1,
          1,
          `indented more than ${maxIndent} columns: nested too deeply`,
        );
      this.i += 1;
    }
    const lines = this.lines.slice(start, this.i);
    while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
    while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
    const cut = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
    return lines.map((l) => l.slice(Number.isFinite(cut) ? cut : 0).trimEnd());
  }

  private directive(): void {
    const line = this.i + 1;
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
    const lower = name.toLowerCase();
    if (lower === 'code-block' || lower === 'code' || lower === 'sourcecode') {
      let text = body.join('\n');
      if (options.has('substitutions')) text = substitute(text, this.guide.variables, line);
      const caption = options.get('caption');
      const block: GuideBlock = { type: 'code', language: argument.trim() || 'text', text, line };
      if (caption) block.caption = caption.replace(/``?/g, '');
      this.target.push(block);
    } else if (lower === 'todo') {
      guideWarning(
        this.guide,
        this.file,
        line,
        `todo dropped: ${[argument, ...body].join(' ').trim().slice(0, 120)}`,
        'info',
      );
    } else if (admonitionKind(lower) !== undefined) {
      const text = rstInline([argument, ...body].join('\n').trim(), this.guide.variables, line);
      this.target.push({ type: 'admonition', kind: admonitionKind(lower)!, text, line });
    } else {
      guideWarning(this.guide, this.file, line, `directive '${name}' is not supported; dropped`);
    }
  }

  private comment(): void {
    const line = this.i + 1;
    const first = this.lines[this.i]!;
    const indent = first.length - first.trimStart().length;
    this.i += 1;
    const body = this.body(indent);
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

  private list(): void {
    const line = this.i + 1;
    const first = this.lines[this.i]!;
    const [, space = '', marker = ''] = bulletPattern.exec(first)!;
    const ordered = !/^[*+-]$/.test(marker);
    const items: { text: string; line: number }[] = [];
    while (this.i < this.lines.length) {
      const current = this.lines[this.i]!;
      const match = bulletPattern.exec(current);
      if (current.trim() === '') {
        this.i += 1;
        continue;
      }
      if (match === null || match[1] !== space || /^[*+-]$/.test(match[2]!) === ordered) break;
      const itemLine = this.i + 1;
      const head = current.slice(match[0].length);
      this.i += 1;
      const rest = this.body(space.length);
      const text = rstInline([head, ...rest].join('\n').replace(/::$/, ':'), this.guide.variables, itemLine);
      items.push({ text, line: itemLine });
    }
    if (ordered) this.target.push({ type: 'steps', items, line });
    else
      this.target.push({
        type: 'text',
        text: items.map((item) => `- ${item.text.replace(/\n/g, '\n  ')}`).join('\n'),
        line,
      });
  }

  private paragraph(): void {
    const line = this.i + 1;
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
      this.target.push({ type: 'text', text: rstInline(text, this.guide.variables, line), line });
    if (literal) this.literal(indent);
  }

  private literal(indent: number): void {
    while (this.i < this.lines.length && this.lines[this.i]!.trim() === '') this.i += 1;
    const line = this.i + 1;
    const body = this.body(indent).join('\n');
    if (body === '') return;
    const prompted = readConsole(body).output !== undefined || /^(?:\$|#) /m.test(body);
    this.target.push({
      type: 'code',
      language: prompted ? 'console' : 'text',
      text: body,
      line,
      literal: true,
    });
    guideWarning(
      this.guide,
      this.file,
      line,
      `literal block read as ${prompted ? 'console commands' : 'text to show, not run'}`,
      'info',
    );
  }
}
