import { z } from 'zod';
import { method, noParams } from './define';

export const runbookId = z.string().uuid();

/** What the library lists: the runbook and its newest revision. */
export const runbookSummary = z.object({
  id: runbookId,
  title: z.string(),
  description: z.string(),
  /** Number of the newest revision; revisions are immutable and numbered from 1. */
  revision: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RunbookSummary = z.infer<typeof runbookSummary>;

export const runbookDetail = runbookSummary.extend({
  /** The runbook file (Markdown with YAML front matter) of the newest revision. */
  source: z.string(),
});
export type RunbookDetail = z.infer<typeof runbookDetail>;

/** Titles are one line: a title that breaks lines would break every list and report it is in. */
const title = z
  .string()
  .trim()
  .min(1, 'a title is required')
  .max(300)
  .refine((value) => !/[\r\n]/.test(value), 'a title is one line');

/** 50 MB: a runbook file larger than this is certainly not one (the biggest seed guide is 34 kB). */
export const maxRunbookSourceBytes = 50 * 1024 * 1024;

export const runbookMethods = {
  'runbooks.list': method(
    z.strictObject({ query: z.string().max(500).optional() }).default({}),
    z.array(runbookSummary),
  ),
  'runbooks.get': method(z.strictObject({ id: runbookId }), runbookDetail),
  'runbooks.create': method(
    z.strictObject({
      title,
      description: z.string().max(10_000).default(''),
      source: z.string().max(maxRunbookSourceBytes),
    }),
    runbookSummary,
  ),
  'runbooks.count': method(noParams, z.object({ count: z.number().int().nonnegative() })),
};

export const runbookEvents = {
  /** A runbook was created, revised or removed; lists refetch. */
  'runbooks.changed': z.object({ id: runbookId }),
};
