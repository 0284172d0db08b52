import { z } from 'zod';
import { method } from './define';
import { environmentKind } from './environments';
import { personName, runDetail, runMode, runStatus, stepKey, stepStatus } from './runs';

/**
 * Mentor review and comparison (issue 9). A review is kept apart from the run: comments and
 * assessments are their own append-only entries (never events of the run's log, never notes),
 * keyed by run id, so a local run and an imported bundle are reviewed the same way. A review
 * sign-off (`reports.sign` with kind `review`) signs a hash of the entries so far.
 */
/** Any run id: a local run's, or an imported bundle's (which may come from another tool version). */
const anyRunId = z.string().trim().min(1).max(200);

export const reviewVerdicts = ['ready', 'needs-practice', 'not-ready'] as const;
export const reviewVerdict = z.enum(reviewVerdicts);
export type ReviewVerdict = z.infer<typeof reviewVerdict>;

export const reviewEntry = z.object({
  seq: z.number().int().nonnegative(),
  /** `comment`: on a step (or the run when stepKey is null); `assessment`: the overall verdict. */
  kind: z.enum(['comment', 'assessment']),
  stepKey: z.string().nullable(),
  author: z.string(),
  at: z.string(),
  /** Markdown, shown escaped. */
  text: z.string(),
  verdict: reviewVerdict.nullable(),
});
export type ReviewEntry = z.infer<typeof reviewEntry>;

export const reviewSignoff = z.object({
  name: z.string(),
  role: z.string(),
  at: z.string(),
  fingerprint: z.string(),
  /** How many entries (the first N) the signature covers. */
  entries: z.number().int().nonnegative(),
  verdict: reviewVerdict.nullable(),
});

export const reviewState = z.object({
  runId: z.string(),
  entries: z.array(reviewEntry),
  /** The latest assessment, if any. */
  assessment: reviewEntry.nullable(),
  signoffs: z.array(reviewSignoff),
});
export type ReviewState = z.infer<typeof reviewState>;

export const runOrigin = z.enum(['local', 'imported']);

export const reviewedRun = z.object({
  origin: runOrigin,
  detail: runDetail,
  /** The pinned runbook revision's source (from the library, or carried by the bundle). */
  runbookSource: z.string(),
});
export type ReviewedRun = z.infer<typeof reviewedRun>;

export const referenceCandidate = z.object({
  runId: z.string(),
  origin: runOrigin,
  runbookTitle: z.string(),
  revision: z.number().int().positive(),
  environmentName: z.string(),
  environmentKind,
  mode: runMode,
  operator: z.string(),
  status: runStatus,
  createdAt: z.string(),
  durationSeconds: z.number().nonnegative(),
});
export type ReferenceCandidate = z.infer<typeof referenceCandidate>;

export const comparedStep = z.object({
  status: stepStatus,
  attempts: z.number().int().nonnegative(),
  /** From the step's first start to its end; null while it has not both. */
  durationSeconds: z.number().nonnegative().nullable(),
  skipped: z.boolean(),
  skipReason: z.string().nullable(),
  commandsEdited: z.number().int().nonnegative(),
  notes: z.array(z.string()),
});
export type ComparedStep = z.infer<typeof comparedStep>;

export const comparisonRow = z.object({
  key: z.string(),
  title: z.string(),
  /** `added`: only in this run's revision; `removed`: only in the reference's. */
  presence: z.enum(['both', 'added', 'removed']),
  /** The step's definition (title, kind, text, commands) differs between the two revisions. */
  changed: z.boolean(),
  run: comparedStep.nullable(),
  reference: comparedStep.nullable(),
  /** Run minus reference, when both have a duration. */
  deltaSeconds: z.number().nullable(),
});
export type ComparisonRow = z.infer<typeof comparisonRow>;

export const comparisonTotals = z.object({
  durationSeconds: z.number().nonnegative(),
  pausedSeconds: z.number().nonnegative(),
  stepSeconds: z.number().nonnegative(),
  counts: z.record(stepStatus, z.number().int().nonnegative()),
  attempts: z.number().int().nonnegative(),
  commandsEdited: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
});

export const runComparison = z.object({
  run: referenceCandidate,
  reference: referenceCandidate,
  rows: z.array(comparisonRow),
  totals: z.object({ run: comparisonTotals, reference: comparisonTotals }),
  /** Matched steps by the size of their time difference, largest first (at most five). */
  biggestTimeDifferences: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      runSeconds: z.number(),
      referenceSeconds: z.number(),
      deltaSeconds: z.number(),
    }),
  ),
});
export type RunComparison = z.infer<typeof runComparison>;

const text = z.string().trim().min(1, 'the text is empty').max(100_000);

export const reviewMethods = {
  /** Any run, local or imported, as review mode shows it (read-only). */
  'reviews.run': method(z.strictObject({ runId: anyRunId }), reviewedRun),
  'reviews.get': method(z.strictObject({ runId: anyRunId }), reviewState),
  'reviews.addComment': method(
    z.strictObject({ runId: anyRunId, stepKey: stepKey.nullable(), author: personName, text }),
    reviewState,
  ),
  /** A new assessment; the latest one counts (earlier ones stay, in order). */
  'reviews.assess': method(
    z.strictObject({ runId: anyRunId, author: personName, verdict: reviewVerdict, text }),
    reviewState,
  ),
  /** Runs of the same runbook (any revision), local and imported, to compare with. */
  'reviews.references': method(z.strictObject({ runId: anyRunId }), z.array(referenceCandidate)),
  'reviews.compare': method(z.strictObject({ runId: anyRunId, referenceRunId: anyRunId }), runComparison),
};

export const reviewEvents = {};
