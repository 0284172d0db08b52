import type { Command, Step, Warning } from '../../../../shared/runbook/index';
import { shellLanguages } from '../format/info-string';
import type { IdAllocator } from '../format/slug';
import { hasSetE, readConsole, splitSleeps } from './console';
import { looksDestructive } from './destructive';
import { guideWarning, type Guide, type GuideBlock } from './guide';

type TextBlock = Extract<GuideBlock, { type: 'text' }>;

/**
 * Turns the blocks of one section into steps. Every code block (or run of adjacent ones) ends a
 * step whose text is the prose before it; ordered lists become one step per item; `sleep N`
 * becomes a wait step; admonitions go to the step they precede.
 */
export class StepBuilder {
  readonly steps: Step[] = [];
  private texts: TextBlock[] = [];
  private warnings: Warning[] = [];
  /** The step that the next code block joins, when no prose came between. */
  private open: Step | undefined;

  constructor(
    private readonly guide: Guide,
    private readonly file: string,
    private readonly ids: IdAllocator,
    private readonly sectionTitle: string | undefined,
    /** The section heading's line: where the section's first step comes from. */
    private readonly sectionLine?: number,
  ) {}

  add(block: GuideBlock): void {
    switch (block.type) {
      case 'text':
        this.texts.push(block);
        this.open = undefined;
        return;
      case 'admonition':
        this.warnings.push({ kind: block.kind, text: block.text, source: { line: block.line, column: 1 } });
        return;
      case 'steps':
        this.listSteps(block);
        return;
      case 'code':
        this.code(block);
        return;
      case 'tabs':
        this.tabs(block);
    }
  }

  /** Prose left at the end becomes an instruction; warnings left go to the last step. */
  finish(): Step[] {
    if (this.texts.length > 0 || (this.warnings.length > 0 && this.steps.length === 0)) {
      this.newStep('instruction', this.texts[0]?.line ?? this.warnings[0]?.source?.line ?? 1);
    }
    if (this.warnings.length > 0) this.steps.at(-1)?.warnings.push(...this.warnings);
    this.warnings = [];
    return this.steps;
  }

  private newStep(kind: Step['kind'], line: number, title?: string): Step {
    const text = this.texts.map((t) => t.text).join('\n\n');
    const chosen =
      title ?? (this.steps.length === 0 && this.sectionTitle ? this.sectionTitle : deriveTitle(this.texts));
    const step: Step = {
      id: '',
      title: cleanTitle(chosen ?? this.sectionTitle ?? 'Step'),
      kind,
      text,
      commands: [],
      destructive: false,
      optional: false,
      warnings: this.warnings,
      alternatives: [],
      source: {
        line:
          this.steps.length === 0 && this.sectionLine !== undefined
            ? this.sectionLine
            : (this.texts[0]?.line ?? line),
        column: 1,
      },
    };
    step.id = this.ids.fresh(step.title);
    this.steps.push(step);
    this.texts = [];
    this.warnings = [];
    return step;
  }

  private listSteps(block: Extract<GuideBlock, { type: 'steps' }>): void {
    const intro = this.texts.map((t) => t.text).join('\n\n');
    this.texts = [];
    block.items.forEach((item, index) => {
      const title = cleanTitle(
        deriveTitle([{ type: 'text', text: item.text, line: item.line }]) ?? `Step ${index + 1}`,
      );
      this.texts = [
        {
          type: 'text',
          text: index === 0 && intro ? `${intro}\n\n${item.text}` : item.text,
          line: item.line,
        },
      ];
      this.newStep('instruction', item.line, title);
    });
    this.open = undefined;
  }

  private code(block: Extract<GuideBlock, { type: 'code' }>): void {
    const command = toCommand(this.guide, this.file, block);
    if (!command.run) {
      this.stepForCode(block.line).commands.push(command);
      return;
    }
    for (const piece of splitSleeps(command.text)) {
      if (piece.type === 'wait') {
        this.open = undefined;
        const wait = this.newStep('wait', block.line, `Wait ${piece.seconds} seconds`);
        wait.wait = { seconds: piece.seconds };
        wait.estimatedDurationSeconds = piece.seconds;
        continue;
      }
      const step = this.stepForCode(
        block.line,
        this.steps.at(-1)?.kind === 'wait' ? `${this.sectionTitle ?? 'Continue'} (continued)` : undefined,
      );
      step.commands.push({ ...command, text: piece.text });
      step.kind = 'command';
      if (looksDestructive(piece.text)) step.destructive = true;
    }
  }

  private stepForCode(line: number, title?: string): Step {
    const step = this.open ?? this.newStep('instruction', line, title);
    this.open = step;
    return step;
  }

  private tabs(block: Extract<GuideBlock, { type: 'tabs' }>): void {
    const step = this.stepForCode(block.line);
    for (const tab of block.tabs) {
      const commands = tab.blocks
        .filter((b) => b.type === 'code')
        .map((b) => toCommand(this.guide, this.file, b));
      const text = tab.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n\n');
      step.alternatives.push({ label: tab.label, text, commands });
      if (commands.some((c) => c.run)) step.kind = 'command';
      if (commands.some((c) => c.run && looksDestructive(c.text))) step.destructive = true;
    }
    this.open = undefined;
  }
}

const showLanguages = new Set([
  'yaml',
  'yml',
  'ini',
  'json',
  'toml',
  'cfg',
  'conf',
  'xml',
  'text',
  'txt',
  'none',
  'jinja',
  'diff',
]);

function toCommand(guide: Guide, file: string, block: Extract<GuideBlock, { type: 'code' }>): Command {
  const language = block.language.toLowerCase() || 'text';
  let text = dedent(block.text);
  let expectedOutput: string | undefined;
  const consoleLike = language === 'console' || language === 'shell-session' || language === 'sh-session';
  // `$ ` cannot start a shell command, so a bash block starting with it is a transcript too.
  const prompted = shellLanguages.has(language) && /^\s*\$ /.test(text);
  if (consoleLike || prompted || block.literal) {
    const read = readConsole(text);
    text = read.text;
    expectedOutput = read.output;
  }
  const run = shellLanguages.has(language) && !showLanguages.has(language);
  if (!run && !showLanguages.has(language) && block.language !== '') {
    guideWarning(guide, file, block.line, `code block in '${block.language}' is shown, not run`, 'info');
  } else if (block.language === '' && !block.literal) {
    guideWarning(
      guide,
      file,
      block.line,
      'code block without a language: shown, not run (mark it bash to run it)',
    );
  }
  const command: Command = {
    language,
    text,
    run,
    setE: run && hasSetE(text),
    poll: false,
    mayFail: false,
    source: { line: block.line, column: 1 },
  };
  if (block.caption) command.file = block.caption;
  if (expectedOutput !== undefined) command.expectedOutput = expectedOutput;
  return command;
}

function dedent(text: string): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** The first sentence of the nearest prose, as plain text, for a step title. */
function deriveTitle(texts: TextBlock[]): string | undefined {
  const last = texts.at(-1)?.text;
  if (last === undefined) return undefined;
  const plain = last
    .replace(/\[([^\]\n]{0,300})\]\([^)\n]{0,1000}\)/g, '$1')
    .replace(/[*_]{1,2}/g, '')
    .replace(/^[\s>-]+/, '')
    .replace(/^(?:step\s+)?\d{1,3}[.):]\s+/i, '')
    .split('\n')[0]!;
  const sentence = /^(.{1,120}?[.:!?])(?:\s|$)/.exec(plain)?.[1] ?? plain;
  return sentence.length > 80 ? `${sentence.slice(0, 77).trimEnd()}…` : sentence;
}

function cleanTitle(title: string): string {
  const cleaned = title
    .replace(/^(?:step\s+)?\d{1,3}[.):]\s+/i, '')
    .replace(/[:.]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned === '' ? 'Step' : cleaned;
}
