import type { Diagnostic, LedgerEntry, Runbook, Step } from '../../../../shared/runbook/index';
import type { CountedBlock } from './guide';

interface Placed {
  line: number;
  path: number[];
}

/** Where each command, note and step of the runbook came from, by source line. */
interface Placements {
  runnable: Placed[];
  shown: Placed[];
  notes: Placed[];
  steps: Placed[];
  /** All prose of the runbook, reduced to letters and digits, to find list items kept as text. */
  prose: string;
}

/**
 * The ledger: every block the reader counted, with what became of it, found in the runbook the
 * import produced (not taken from the reader's intentions, so a block lost on the way shows up as
 * `unexplained`). A block whose lines carry an importer warning is `warning`, with the reason.
 */
export function resolveLedger(
  counted: CountedBlock[],
  runbook: Runbook,
  warnings: Diagnostic[],
): LedgerEntry[] {
  const placements = placementsOf(runbook);
  // Readers count a list item before or after its inner blocks; the ledger is in source order.
  const ordered = [...counted].sort((a, b) => a.line - b.line);
  return ordered.map((block) => resolve(block, placements, warnings));
}

function resolve(block: CountedBlock, placed: Placements, warnings: Diagnostic[]): LedgerEntry {
  const within = (p: Placed) => p.line >= block.line && p.line <= block.endLine;
  const warning = warnings.find(
    (w) => w.severity === 'warning' && w.line >= block.line && w.line <= block.endLine,
  );
  const info = warnings.find((w) => w.severity === 'info' && w.line >= block.line && w.line <= block.endLine);
  const entry = (outcome: LedgerEntry['outcome'], at?: Placed, reason?: string): LedgerEntry => ({
    line: block.line,
    endLine: block.endLine,
    kind: block.kind,
    outcome,
    ...(reason !== undefined ? { reason } : {}),
    ...(at !== undefined ? { path: at.path } : {}),
  });
  if (warning !== undefined && block.kind !== 'list-item')
    return entry(
      'warning',
      [...placed.runnable, ...placed.shown, ...placed.notes].find(within),
      warning.message,
    );
  if (block.kind === 'code' || block.kind === 'literal') {
    const run = placed.runnable.find(within);
    if (run !== undefined) return entry('command', run, info?.message);
    const shown = placed.shown.find(within);
    if (shown !== undefined) return entry('shown', shown, info?.message);
  } else if (block.kind === 'admonition') {
    const note = placed.notes.find(within);
    if (note !== undefined) return entry('note', note);
    // A note before the first section is part of the description (as a GitHub alert).
    if (block.probe !== undefined && placed.prose.includes(letters(block.probe))) return entry('note');
  } else {
    const step = placed.steps.find((s) => s.line === block.line);
    if (step !== undefined) return entry('step', step);
    if (block.probe !== undefined && placed.prose.includes(letters(block.probe))) return entry('text');
    if (warning !== undefined) return entry('warning', undefined, warning.message);
  }
  if (info !== undefined) return entry('warning', undefined, info.message);
  return entry('unexplained', undefined, 'not found in the runbook and no warning says why');
}

function placementsOf(runbook: Runbook): Placements {
  const placed: Placements = { runnable: [], shown: [], notes: [], steps: [], prose: '' };
  const prose: string[] = [runbook.description];
  runbook.phases.forEach((phase, p) => {
    prose.push(phase.text);
    phase.steps.forEach((step, s) => {
      visitStep(step, [p, s], placed, prose);
      step.rolling?.steps.forEach((sub) => visitStep(sub, [p, s], placed, prose));
    });
  });
  placed.prose = letters(prose.join('\n'));
  return placed;
}

function visitStep(
  step: Step | NonNullable<Step['rolling']>['steps'][number],
  path: number[],
  placed: Placements,
  prose: string[],
): void {
  const line = step.source?.line;
  if (line !== undefined) placed.steps.push({ line, path });
  prose.push(step.title, step.text);
  for (const warning of step.warnings) {
    prose.push(warning.text);
    if (warning.source !== undefined) placed.notes.push({ line: warning.source.line, path });
  }
  const commands = [...step.commands, ...step.alternatives.flatMap((a) => a.commands)];
  for (const alternative of step.alternatives) prose.push(alternative.label, alternative.text);
  for (const command of commands) {
    if (command.source === undefined) continue;
    (command.run ? placed.runnable : placed.shown).push({ line: command.source.line, path });
  }
  // A wait step made from `sleep N` stands for the block it came from.
  if (step.kind === 'wait' && line !== undefined && step.commands.length === 0)
    placed.runnable.push({ line, path });
}

function letters(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
