import { z } from 'zod';
import { method } from './define';
import { environmentId, environmentKind } from './environments';
import { runbookId } from './runbooks';
import { runMode, runStatus } from './runs';

/**
 * Search across runbooks (every revision's text), run notes, review comments and the transcripts
 * of all runs (SQLite FTS5, migration 0007). Hits come back grouped by run and step, best first:
 * hits of the exact phrase before hits that only have all the words. A snippet is plain text with
 * the ranges to highlight, never markup: the renderer escapes the text and draws the highlights.
 */
export const searchKinds = ['runbook', 'note', 'comment', 'transcript'] as const;
export const searchKind = z.enum(searchKinds);
export type SearchKind = z.infer<typeof searchKind>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), 'not a day of the calendar');

export const searchFilters = z.strictObject({
  runbookId: runbookId.optional(),
  environmentId: environmentId.optional(),
  /** Anyone who held the run (started it or took it over), case-insensitive. */
  operator: z.string().trim().min(1).max(120).optional(),
  /** Runs started on or after this day (UTC). */
  from: isoDate.optional(),
  /** Runs started on or before this day (UTC). */
  to: isoDate.optional(),
  /** The run's status: completed, aborted, active, paused. */
  outcome: z.array(runStatus).min(1).optional(),
  /** Which texts to search; all when left out. */
  kinds: z.array(searchKind).min(1).optional(),
});
export type SearchFilters = z.infer<typeof searchFilters>;

/** [start, end) in UTF-16 code units of the snippet's text. */
export const highlightRange = z.object({ start: z.number().int().nonnegative(), end: z.number().int() });
export type HighlightRange = z.infer<typeof highlightRange>;

export const snippet = z.object({
  text: z.string(),
  highlights: z.array(highlightRange),
});
export type Snippet = z.infer<typeof snippet>;

export const searchHit = z.object({
  kind: searchKind,
  /** The text holds the words as the exact phrase searched for (ranked first). */
  exact: z.boolean(),
  snippet,
  author: z.string().nullable(),
  at: z.string().nullable(),
  /** Runbook hits: the revision whose text matched. */
  revision: z.number().int().positive().nullable(),
  /** Note and comment hits: the seq (or id) of the row in its run. */
  ref: z.number().int().nullable(),
  /** Transcript hits: the terminal session and the moment (ms since it started) to replay. */
  sessionId: z.string().nullable(),
  atMs: z.number().nonnegative().nullable(),
});
export type SearchHit = z.infer<typeof searchHit>;

export const searchStepGroup = z.object({
  /** null: the run as a whole (a run note, terminal output between steps, the runbook's text). */
  stepKey: z.string().nullable(),
  stepTitle: z.string().nullable(),
  hits: z.array(searchHit),
});
export type SearchStepGroup = z.infer<typeof searchStepGroup>;

export const searchGroup = z.object({
  /** null for a runbook's own text (no run). */
  runId: z.string().nullable(),
  runbookId: z.string(),
  runbookTitle: z.string(),
  revision: z.number().int().positive(),
  environmentName: z.string().nullable(),
  environmentKind: environmentKind.nullable(),
  mode: runMode.nullable(),
  operator: z.string().nullable(),
  status: runStatus.nullable(),
  createdAt: z.string().nullable(),
  steps: z.array(searchStepGroup),
});
export type SearchGroup = z.infer<typeof searchGroup>;

export const searchResult = z.object({
  groups: z.array(searchGroup),
  /** Hits in the groups. */
  hitCount: z.number().int().nonnegative(),
  /** More hits matched than `limit`. */
  truncated: z.boolean(),
  /**
   * The transcript index had not caught up with the latest terminal output when this was answered
   * (it is made off the stream; electron/host/terminal/transcript/transcript-indexer.ts): the
   * newest output may be missing. Searching again a moment later finds it.
   */
  catchingUp: z.boolean(),
});
export type SearchResult = z.infer<typeof searchResult>;

export const searchMethods = {
  /** Words are matched whole (case and accents ignored); FTS syntax in the text is taken literally. */
  'search.query': method(
    z.strictObject({
      text: z.string().trim().min(1, 'type something to search for').max(500),
      filters: searchFilters.default({}),
      limit: z.number().int().positive().max(500).default(50),
    }),
    searchResult,
  ),
};
