import { z } from 'zod';
import { method, noParams } from './define';
import { maxRunbookSourceBytes, runbookId } from './runbooks';

/**
 * The library as a folder of Markdown files (issue 9, part 6): one file per runbook, its newest
 * revision with `handrail-id` and `handrail-revision` in the front matter. Importing the folder
 * back makes changed files new revisions, leaves unchanged ones alone, and creates runbooks for
 * new files; a file that does not parse stops the whole import, naming the file and line.
 */
const fileName = z
  .string()
  .trim()
  .min(1, 'a file name is required')
  .max(1000)
  .refine((value) => !/[\r\n\0]/.test(value), 'a file name is one line');

export const libraryFile = z.strictObject({ name: fileName, text: z.string().max(maxRunbookSourceBytes) });
export type LibraryFileInput = z.infer<typeof libraryFile>;

const fileOutcome = z.object({ file: z.string(), id: runbookId, title: z.string() });

export const libraryImportSummary = z.object({
  created: z.array(fileOutcome),
  revised: z.array(fileOutcome.extend({ revision: z.number().int().positive() })),
  unchanged: z.array(fileOutcome),
  /** Imported, but worth a look (an edit that started from an older revision). */
  warnings: z.array(z.string()),
});
export type LibraryImportSummary = z.infer<typeof libraryImportSummary>;

export const libraryFileMethods = {
  'library.exportFiles': method(
    noParams,
    z.object({ files: z.array(z.object({ name: z.string(), text: z.string() })) }),
  ),
  'library.importFiles': method(
    z.strictObject({
      files: z.array(libraryFile).min(1, 'choose at least one runbook file').max(10_000),
      /** Recorded as the new revisions' author. */
      author: z.string().trim().max(120).default(''),
    }),
    libraryImportSummary,
  ),
};
