import { z } from 'zod';
import { diagnostic, importReview, runbook } from '../runbook/index';
import { method, noParams } from './define';

export const runbookId = z.string().uuid();
const revisionNumber = z.number().int().positive();

/** What the library lists: the runbook and its newest revision. */
export const runbookSummary = z.object({
  id: runbookId,
  title: z.string(),
  description: z.string(),
  /** Number of the newest revision; revisions are immutable and numbered from 1. */
  revision: revisionNumber,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RunbookSummary = z.infer<typeof runbookSummary>;

export const runbookDetail = runbookSummary.extend({
  /** The runbook file (Markdown with YAML front matter) of the newest revision. */
  source: z.string(),
  /** The file parsed; null when it does not parse (then `diagnostics` says why and where). */
  runbook: runbook.nullable(),
  /** What the linter found in the file: errors, warnings and notes with their lines. */
  diagnostics: z.array(diagnostic),
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
const source = z.string().max(maxRunbookSourceBytes);

/** A file name as the user's system gave it; only shown and used to pick the importer. */
const fileName = z
  .string()
  .trim()
  .min(1, 'a file name is required')
  .max(255)
  .refine((value) => !/[\r\n\0]/.test(value), 'a file name is one line');

export const revisionSummary = z.object({
  revision: revisionNumber,
  title: z.string(),
  message: z.string(),
  author: z.string(),
  createdAt: z.string(),
});
export type RevisionSummary = z.infer<typeof revisionSummary>;

export const revisionDetail = revisionSummary.extend({ runbookId, source: z.string() });
export type RevisionDetail = z.infer<typeof revisionDetail>;

/** One line of a unified diff, numbered in the old and/or new text it belongs to. */
export const diffLine = z.object({
  kind: z.enum(['context', 'added', 'removed']),
  text: z.string(),
  oldNumber: z.number().int().positive().optional(),
  newNumber: z.number().int().positive().optional(),
});
export type DiffLine = z.infer<typeof diffLine>;

export const diffHunk = z.object({
  oldStart: z.number().int().nonnegative(),
  oldLines: z.number().int().nonnegative(),
  newStart: z.number().int().nonnegative(),
  newLines: z.number().int().nonnegative(),
  lines: z.array(diffLine),
});
export type DiffHunk = z.infer<typeof diffHunk>;

export const revisionDiff = z.object({
  from: revisionNumber,
  to: revisionNumber,
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  hunks: z.array(diffHunk),
});
export type RevisionDiff = z.infer<typeof revisionDiff>;

export const runbookTemplate = z.object({
  /** The template's file name in resources/runbooks/, which is also its identity. */
  id: z.string(),
  title: z.string(),
  description: z.string(),
});
export type RunbookTemplate = z.infer<typeof runbookTemplate>;

const templateId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.md$/, 'a template id is the file name of a bundled template');

const saveMessage = z.string().max(2_000).default('');

/**
 * What a save stores: the file as the raw editor has it, or the model from the structured editor,
 * which the host serializes. Either way the host parses and re-serializes it, so both editors give
 * the same file for the same runbook.
 */
export const revisionContent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('markdown'), source }),
  z.strictObject({ kind: z.literal('model'), runbook }),
]);
export type RevisionContent = z.input<typeof revisionContent>;

/** A guide to import: its text and the file name it came from (which picks the importer). */
const guideInput = { fileName, text: source };

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
      source,
    }),
    runbookSummary,
  ),
  'runbooks.count': method(noParams, z.object({ count: z.number().int().nonnegative() })),
  /** Reads a guide into a runbook for review; stores nothing. */
  'runbooks.importPreview': method(z.strictObject(guideInput), importReview),
  /** Imports the guide again (the same text gives the same review) and stores it as revision 1. */
  'runbooks.importAccept': method(z.strictObject(guideInput), runbookSummary),
  /** Stores a new revision; `baseRevision` must be the newest, so two editors never overwrite each other. */
  'runbooks.saveRevision': method(
    z.strictObject({
      id: runbookId,
      baseRevision: revisionNumber,
      message: saveMessage,
      content: revisionContent,
    }),
    runbookSummary,
  ),
  /** Reads a runbook file without storing it: the raw editor's switch to the structured one. */
  'runbooks.parse': method(
    z.strictObject({ source }),
    z.object({ runbook: runbook.nullable(), diagnostics: z.array(diagnostic) }),
  ),
  /** Writes a model as a runbook file without storing it: the structured editor's switch to raw. */
  'runbooks.serialize': method(z.strictObject({ runbook }), z.object({ source: z.string() })),
  'runbooks.revisions': method(z.strictObject({ id: runbookId }), z.array(revisionSummary)),
  'runbooks.revision': method(z.strictObject({ id: runbookId, revision: revisionNumber }), revisionDetail),
  'runbooks.diff': method(
    z.strictObject({ id: runbookId, from: revisionNumber, to: revisionNumber }),
    revisionDiff,
  ),
  'runbooks.duplicate': method(z.strictObject({ id: runbookId, title: title.optional() }), runbookSummary),
  /** Hides the runbook from the library; its revisions stay, so `runbooks.restore` can undo it. */
  'runbooks.delete': method(z.strictObject({ id: runbookId }), z.object({ id: runbookId })),
  'runbooks.restore': method(z.strictObject({ id: runbookId }), runbookSummary),
  'runbooks.export': method(
    z.strictObject({ id: runbookId, revision: revisionNumber.optional() }),
    z.object({ fileName: z.string(), text: z.string() }),
  ),
  'runbooks.templates': method(noParams, z.array(runbookTemplate)),
  'runbooks.createFromTemplate': method(z.strictObject({ templateId }), runbookSummary),
};

export const runbookEvents = {
  /** A runbook was created, revised or removed; lists refetch. */
  'runbooks.changed': z.object({
    id: runbookId,
    change: z.enum(['created', 'revised', 'deleted', 'restored']).optional(),
  }),
};
