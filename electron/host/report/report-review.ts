import type { ReviewEntry, RunDetail } from '../../../shared/contract/index';

/**
 * The mentor review as a report shows it (issue 9): the latest assessment and every comment with
 * its step's title, author and time. Comments stay a section of their own, never mixed with the
 * operator's notes. Earlier assessments are listed too: the review is a record, not a form.
 */
export interface ReportReview {
  assessment: ReportReviewEntry | null;
  earlierAssessments: ReportReviewEntry[];
  comments: ReportReviewEntry[];
}

export interface ReportReviewEntry {
  stepKey: string | null;
  /** The step's title, or "The run" for a comment on the whole run. */
  stepTitle: string;
  author: string;
  at: string;
  text: string;
  verdict: string | null;
}

export const verdictLabels: Record<string, string> = {
  ready: 'Ready',
  'needs-practice': 'Needs practice',
  'not-ready': 'Not ready',
};

export function reportReview(entries: readonly ReviewEntry[], detail: RunDetail): ReportReview | undefined {
  if (entries.length === 0) return undefined;
  const titles = new Map(detail.steps.map((step) => [step.key, step.title]));
  const entry = (item: ReviewEntry): ReportReviewEntry => ({
    stepKey: item.stepKey,
    stepTitle: item.stepKey === null ? 'The run' : (titles.get(item.stepKey) ?? item.stepKey),
    author: item.author,
    at: item.at,
    text: item.text,
    verdict: item.verdict,
  });
  const assessments = entries.filter((item) => item.kind === 'assessment').map(entry);
  return {
    assessment: assessments.at(-1) ?? null,
    earlierAssessments: assessments.slice(0, -1),
    comments: entries.filter((item) => item.kind === 'comment').map(entry),
  };
}
