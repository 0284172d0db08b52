import type { Step, Warning } from '../../../../shared/runbook/index';
import type { IdAllocator } from '../format/slug';
import { splitSleeps } from './console';
import { looksDestructive } from './destructive';
import type { Guide, GuideBlock, GuideItem } from './guide';
import { toCommand } from './to-command';
import { deriveTitle, stepIntent } from './step-text';

type TextBlock = Extract<GuideBlock, { type: 'text' }>;

/**
 * Turns the blocks of one section into steps. Every code block (or run of adjacent ones) ends a
 * step whose text is the prose before it; each item of a step list is one step holding all its
 * blocks; `sleep N` becomes a wait step; an admonition right after a block belongs to that
 * block's step, any other to the step it precedes.
 */
export class StepBuilder {
  readonly steps: Step[] = [];
  private texts: TextBlock[] = [];
  private warnings: Warning[] = [];
  /** The step that the next code block or note joins, when no prose came between. */
  private open: Step | undefined;
  /** Steps titled from their own item label: never renamed after the section. */
  private readonly labelled = new Set<Step>();

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
      case 'admonition': {
        const warning: Warning = {
          kind: block.kind,
          text: block.text,
          source: { line: block.line, column: 1 },
        };
        if (this.open !== undefined && this.texts.length === 0) this.open.warnings.push(warning);
        else this.warnings.push(warning);
        return;
      }
      case 'steps':
        this.listSteps(block);
        return;
      case 'code':
        this.code(block, (title) => this.stepForCode(block.line, title));
        return;
      case 'tabs':
        this.tabs(block, this.stepForCode(block.line));
        this.open = undefined;
    }
  }

  /** Prose left at the end becomes an instruction; warnings left go to the last step. */
  finish(): Step[] {
    if (this.texts.length > 0 || (this.warnings.length > 0 && this.steps.length === 0)) {
      this.newStep('instruction', this.texts[0]?.line ?? this.warnings[0]?.source?.line ?? 1);
    }
    if (this.warnings.length > 0) this.steps.at(-1)?.warnings.push(...this.warnings);
    this.warnings = [];
    // A section that is one step is named after the section; several are named by their prose.
    const only = this.steps.length === 1 ? this.steps[0]! : undefined;
    if (only !== undefined && this.sectionTitle !== undefined && !this.labelled.has(only)) {
      only.title = cleanTitle(this.sectionTitle);
      only.id = this.ids.rename(only.id, only.title);
    }
    for (const step of this.steps) Object.assign(step, stepIntent(step));
    return this.steps;
  }

  private newStep(kind: Step['kind'], line: number, title?: string): Step {
    const text = this.texts.map((t) => t.text).join('\n\n');
    const chosen = title ?? deriveTitle(this.texts.map((t) => t.text)) ?? this.sectionTitle ?? 'Step';
    const step: Step = {
      id: '',
      title: cleanTitle(chosen),
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
    if (offersChoice(this.texts.at(-1)?.text)) {
      this.choiceStep(block);
      return;
    }
    const intro = this.texts;
    this.texts = [];
    this.open = undefined;
    block.items.forEach((item, index) => {
      const nested = expandable(item);
      if (nested !== undefined) {
        // "Typical sequence:" over a list of commands: the nested items are the steps.
        const label = item.blocks.slice(
          0,
          item.blocks.findIndex((b) => b.type === 'steps'),
        );
        this.texts = [
          ...(index === 0 ? intro : []),
          ...label.filter((b): b is TextBlock => b.type === 'text'),
        ];
        this.listSteps(nested);
        return;
      }
      const label = item.blocks.find((b): b is TextBlock => b.type === 'text');
      const title = item.title ?? deriveTitle(label === undefined ? [] : [label.text]) ?? `Step ${index + 1}`;
      this.texts = index === 0 ? intro : [];
      const step = this.newStep('instruction', item.line, title);
      step.source = { line: item.line, column: 1 };
      this.labelled.add(step);
      this.fillItem(step, item, []);
      if (item.expectExit !== undefined)
        for (const command of step.commands)
          if (command.run)
            command.expect = { exitCode: item.expectExit, outputMatches: [], outputNotMatches: [] };
      this.open = undefined;
    });
  }

  /**
   * "There are two ways to …" over a list: one step whose alternatives are the items (the
   * operator picks one, and the run records which), not one step per way.
   */
  private choiceStep(block: Extract<GuideBlock, { type: 'steps' }>): void {
    const step = this.newStep('instruction', this.texts[0]?.line ?? block.line);
    block.items.forEach((item, index) => {
      const scratch: Step = { ...step, text: '', commands: [], warnings: [], alternatives: [] };
      this.fillItem(scratch, item, []);
      const label = item.blocks.find((b): b is TextBlock => b.type === 'text');
      step.alternatives.push({
        label: deriveTitle(label === undefined ? [] : [label.text]) ?? `Way ${index + 1}`,
        text: scratch.text,
        commands: scratch.commands,
      });
      step.warnings.push(...scratch.warnings);
      if (scratch.commands.some((c) => c.run)) step.kind = 'command';
      if (scratch.destructive) step.destructive = true;
    });
    this.open = undefined;
  }

  /** Puts every block of an item into its step; nested lists fold in as bullets and commands. */
  private fillItem(step: Step, item: GuideItem, prefix: string[]): void {
    let current = step;
    const texts: string[] = [];
    const flush = () => {
      if (texts.length === 0) return;
      const joined = texts.join('\n\n');
      current.text = current.text ? `${current.text}\n\n${joined}` : joined;
      texts.length = 0;
    };
    for (const block of item.blocks) {
      switch (block.type) {
        case 'text':
          texts.push(prefix.length > 0 ? indentBullet(block.text, prefix.length) : block.text);
          break;
        case 'admonition':
          current.warnings.push({
            kind: block.kind,
            text: block.text,
            source: { line: block.line, column: 1 },
          });
          break;
        case 'code':
          flush();
          this.code(
            block,
            () => current,
            (continued) => (current = continued),
          );
          break;
        case 'tabs':
          flush();
          this.tabs(block, current);
          break;
        case 'steps':
          flush();
          for (const nested of block.items) this.fillItem(current, nested, [...prefix, '-']);
      }
    }
    flush();
    if (step.text === '' && step.commands.length === 0 && step.alternatives.length === 0)
      step.text = step.title;
  }

  /**
   * A code block into the step `target` gives. A `sleep N` line splits it: a wait step, then the
   * commands after it in a step of their own (`moved` is told about it).
   */
  private code(
    block: Extract<GuideBlock, { type: 'code' }>,
    target: (title?: string) => Step,
    moved?: (step: Step) => void,
  ): void {
    const command = toCommand(this.guide, this.file, block);
    if (!command.run) {
      target().commands.push(command);
      return;
    }
    let step: Step | undefined;
    let afterWait = false;
    for (const piece of splitSleeps(command.text)) {
      if (piece.type === 'wait') {
        this.open = undefined;
        const wait = this.newStep('wait', block.line, `Wait ${piece.seconds} seconds`);
        wait.source = { line: block.line, column: 1 };
        wait.wait = { seconds: piece.seconds };
        wait.estimatedDurationSeconds = piece.seconds;
        afterWait = true;
        continue;
      }
      if (afterWait) {
        const previous = step?.title ?? this.sectionTitle ?? 'Continue';
        this.open = undefined;
        step = this.stepForCode(block.line, `${previous.replace(/ \(continued\)$/, '')} (continued)`);
        moved?.(step);
        afterWait = false;
      } else step ??= target();
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

  /** Tabs are alternatives of one step: the operator picks one, and the run records which. */
  private tabs(block: Extract<GuideBlock, { type: 'tabs' }>, step: Step): void {
    for (const tab of block.tabs) {
      const commands = tab.blocks
        .filter((b) => b.type === 'code')
        .map((b) => toCommand(this.guide, this.file, b));
      const text = tab.blocks
        .flatMap((b) => (b.type === 'text' ? [b.text] : b.type === 'admonition' ? [b.text] : []))
        .join('\n\n');
      step.alternatives.push({ label: tab.label, text, commands });
      if (commands.some((c) => c.run)) step.kind = 'command';
      if (commands.some((c) => c.run && looksDestructive(c.text))) step.destructive = true;
    }
  }
}

/** "There are two ways…", "You can do this in one of three ways:": the list after it is a choice. */
function offersChoice(text: string | undefined): boolean {
  if (text === undefined) return false;
  return /\b(?:there are|in one of|you can choose between|either of) (?:two|three|four|several|\d) (?:different )?(?:ways|options|methods|approaches)\b/i.test(
    text,
  );
}

/**
 * An item that is only a label over nested lists in which several items hold commands: those
 * items are steps of their own rather than one step holding the whole procedure. A block written
 * between two nested lists (a fence indented to the outer item) belongs to the item before it.
 */
function expandable(item: GuideItem): Extract<GuideBlock, { type: 'steps' }> | undefined {
  const merged: GuideItem[] = [];
  for (const block of item.blocks) {
    if (block.type === 'steps') merged.push(...block.items.map((i) => ({ ...i, blocks: [...i.blocks] })));
    else if (merged.length > 0) merged.at(-1)!.blocks.push(block);
    else if (block.type !== 'text') return undefined;
  }
  const working = merged.filter((i) => i.blocks.some((b) => b.type === 'code' || b.type === 'tabs'));
  if (working.length < 2) return undefined;
  return { type: 'steps', items: merged, line: merged[0]!.line };
}

function indentBullet(text: string, depth: number): string {
  const pad = '  '.repeat(depth - 1);
  return `${pad}- ${text.replace(/\n/g, `\n${pad}  `)}`;
}

function cleanTitle(title: string): string {
  const cleaned = title
    .replace(/^(?:step\s+)?\d{1,3}[.):]\s+/i, '')
    .replace(/[:.]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned === '' ? 'Step' : cleaned;
}
