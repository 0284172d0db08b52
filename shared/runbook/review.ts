import { z } from 'zod';
import { diagnostic } from './diagnostics';
import { runbook } from './model';

export const guideFormats = ['runbook', 'markdown', 'mdx', 'restructuredtext', 'shell'] as const;
export const guideFormat = z.enum(guideFormats);
export type GuideFormat = z.infer<typeof guideFormat>;

/**
 * One thing the import found, for the review list: `path` locates it in the runbook
 * (phase index, then step index, then command or warning index).
 */
export const reviewItem = z.object({
  kind: z.enum(['phase', 'step', 'command', 'warning', 'variable']),
  label: z.string(),
  path: z.array(z.number().int().nonnegative()),
  line: z.number().int().positive(),
});
export type ReviewItem = z.infer<typeof reviewItem>;

/** What the importer counts in a source guide: every one of these must be accounted for. */
export const ledgerBlockKinds = [
  /** A fenced block, an rST `code-block`, or a top-level command of a shell script. */
  'code',
  /** An rST `::` literal block. */
  'literal',
  'admonition',
  'list-item',
] as const;

/**
 * What became of a counted block. `command`: runnable (or a wait step, for `sleep N`); `shown`:
 * a file or output shown, never run; `note`: a warning or note on a step; `step`/`text`: a list
 * item that became a step or stayed in a step's prose; `warning`: left out or changed, and
 * `reason` says why; `unexplained`: none of these, which is an importer bug the tests look for.
 */
export const ledgerOutcomes = ['command', 'shown', 'note', 'step', 'text', 'warning', 'unexplained'] as const;
export type LedgerOutcome = (typeof ledgerOutcomes)[number];

export const ledgerEntry = z.object({
  /** Where the block starts in the source guide (1-based). */
  line: z.number().int().positive(),
  /** Its last line. */
  endLine: z.number().int().positive(),
  kind: z.enum(ledgerBlockKinds),
  outcome: z.enum(ledgerOutcomes),
  /** For `warning` (and for other outcomes that came with one): the importer's message. */
  reason: z.string().optional(),
  /** Where it went in the runbook: phase index, step index. */
  path: z.array(z.number().int().nonnegative()).optional(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

/** The result of importing a guide: nothing is saved until the user accepts it. */
export const importReview = z.object({
  fileName: z.string(),
  format: guideFormat,
  runbook,
  items: z.array(reviewItem),
  /** What was ambiguous or dropped (severity warning or info); never errors: those throw. */
  warnings: z.array(diagnostic),
  /** Every counted source block and what became of it, in source order. */
  ledger: z.array(ledgerEntry).default([]),
});
export type ImportReview = z.infer<typeof importReview>;

/** "31 blocks: 27 commands, 3 shown, 1 warning", for the review screen and `handrail import`. */
export function ledgerSummary(ledger: readonly LedgerEntry[]): string {
  const counts = new Map<LedgerOutcome, number>();
  for (const entry of ledger) counts.set(entry.outcome, (counts.get(entry.outcome) ?? 0) + 1);
  const words: Record<LedgerOutcome, [string, string]> = {
    command: ['command', 'commands'],
    shown: ['shown', 'shown'],
    note: ['note', 'notes'],
    step: ['step', 'steps'],
    text: ['kept as text', 'kept as text'],
    warning: ['warning', 'warnings'],
    unexplained: ['unexplained', 'unexplained'],
  };
  const parts = ledgerOutcomes
    .filter((outcome) => (counts.get(outcome) ?? 0) > 0)
    .map((outcome) => {
      const n = counts.get(outcome)!;
      return `${n} ${words[outcome][n === 1 ? 0 : 1]}`;
    });
  const total = `${ledger.length} block${ledger.length === 1 ? '' : 's'}`;
  return parts.length === 0 ? total : `${total}: ${parts.join(', ')}`;
}
