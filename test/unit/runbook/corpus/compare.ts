import type { Command, ImportReview, Runbook, Step } from '../../../../shared/runbook/index';
import type { ReferenceBlock, ReferenceReading } from './reference-reader';

/** How the importer did on one block of the independent reading. */
export interface BlockVerdict {
  block: ReferenceBlock;
  /** exact: the runnable commands are the reference's; warned: not, but a warning on its lines says so. */
  verdict: 'exact' | 'warned' | 'wrong';
  expected: string;
  actual: string;
  /** The ledger has an entry on this block's lines with an outcome. */
  inLedger: boolean;
}

export interface GuideScore {
  blocks: number;
  commands: number;
  exactCommands: number;
  warnedBlocks: number;
  wrongBlocks: BlockVerdict[];
  notInLedger: BlockVerdict[];
  /** Runnable commands outside every reference block that no warning explains. */
  strayCommands: Command[];
}

interface Located {
  command: Command;
  line: number;
}

/** Every runnable command of the runbook (alternatives and sub-steps too) with its source line. */
export function runnableCommands(runbook: Runbook): Located[] {
  const found: Located[] = [];
  const visit = (step: Step | NonNullable<Step['rolling']>['steps'][number]) => {
    const all = [...step.commands, ...step.alternatives.flatMap((a) => a.commands)];
    for (const command of all)
      if (command.run) found.push({ command, line: command.source?.line ?? step.source?.line ?? 0 });
  };
  for (const phase of runbook.phases)
    for (const step of phase.steps) {
      visit(step);
      for (const sub of step.rolling?.steps ?? []) visit(sub);
    }
  return found;
}

/** Placeholders, substitutions and variables all read as one mark, so `<host>` = `{{host}}`. */
export function normaliseExpected(text: string, rst: boolean): string {
  let out = text.replace(/<[A-Za-z_][\w.:-]*(?: [\w.:-]+)*>/g, '⟨⟩');
  if (rst) out = out.replace(/\|[A-Za-z][\w.-]*\|/g, '⟨⟩');
  return tidy(out);
}

export function normaliseActual(text: string): string {
  const marked = text.replace(/(^|[^\\])\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/g, '$1⟨⟩');
  return tidy(marked.replace(/\\\{\{/g, '{{'));
}

/** Trailing spaces off, and `sleep N` lines out (the importer makes those wait steps). */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .filter((line) => !/^\s*sleep\s+\d+s?$/.test(line))
    .join('\n')
    .trim();
}

export function scoreGuide(review: ImportReview, reading: ReferenceReading, rst: boolean): GuideScore {
  const located = runnableCommands(review.runbook);
  const warnedLines = review.warnings.filter((w) => w.severity === 'warning').map((w) => w.line);
  const explainedLines = review.warnings.map((w) => w.line);
  const ledger = review.ledger ?? [];
  const score: GuideScore = {
    blocks: reading.blocks.length,
    commands: 0,
    exactCommands: 0,
    warnedBlocks: 0,
    wrongBlocks: [],
    notInLedger: [],
    strayCommands: [],
  };
  const claimed = new Set<Located>();
  for (const block of reading.blocks) {
    const inside = located.filter((l) => l.line >= block.start && l.line <= block.end);
    inside.forEach((l) => claimed.add(l));
    const expected = block.commands.map((c) => normaliseExpected(c, rst)).filter((c) => c !== '');
    const actual = inside.map((l) => normaliseActual(l.command.text)).filter((c) => c !== '');
    const verdict: BlockVerdict = {
      block,
      verdict: 'exact',
      expected: expected.join('\n'),
      actual: actual.join('\n'),
      inLedger: ledger.some((entry) => entry.line >= block.start && entry.line <= block.end),
    };
    score.commands += block.commands.length;
    if (verdict.expected === verdict.actual) score.exactCommands += block.commands.length;
    else {
      score.exactCommands += expected.filter((c) => actual.includes(c)).length;
      const warned = warnedLines.some((line) => line >= block.start && line <= block.end);
      verdict.verdict = warned ? 'warned' : 'wrong';
      if (warned) score.warnedBlocks += 1;
      else score.wrongBlocks.push(verdict);
    }
    if (!verdict.inLedger) score.notInLedger.push(verdict);
  }
  for (const l of located)
    if (!claimed.has(l) && !explainedLines.includes(l.line)) score.strayCommands.push(l.command);
  return score;
}
