import { z } from 'zod';
import { diagnostic } from './diagnostics';
import { runbook } from './model';

export const guideFormats = ['runbook', 'markdown', 'mdx', 'restructuredtext'] as const;
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

/** The result of importing a guide: nothing is saved until the user accepts it. */
export const importReview = z.object({
  fileName: z.string(),
  format: guideFormat,
  runbook,
  items: z.array(reviewItem),
  /** What was ambiguous or dropped (severity warning or info); never errors: those throw. */
  warnings: z.array(diagnostic),
});
export type ImportReview = z.infer<typeof importReview>;
