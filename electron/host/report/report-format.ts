/**
 * Which form of the report this Handrail writes. A verifier re-renders a report from its embedded
 * record and compares, so a report written by an earlier form cannot be compared by this code:
 * the mark tells such a report apart from an edited one. Raise the number whenever what a
 * report shows changes.
 *
 * 2: one count (runbook steps and host steps apart), deviations read from the event log.
 * 3: transcript gaps listed as deviations (issue 18); the HTML `<title>` shows controls as
 *    marker characters, not as marker tags (issue 19).
 * 4: the verification recipe checks against the reader's own allowed_signers file
 *    ($ALLOWED_SIGNERS) and the payload's SHA-256, never the line the report prints; Markdown
 *    markers carry that hash (issue 19); an approval or emergency start has its section.
 */
export const reportFormatVersion = 4;
export const reportJsonFormat = `handrail-report/${reportFormatVersion}`;
/** JSON reports of earlier forms: their record is still read and checked. */
export const earlierReportJsonFormats: readonly string[] = [
  'handrail-report/1',
  'handrail-report/2',
  'handrail-report/3',
];
/** The HTML report's `<meta name="generator">` content. Form 1 wrote plain `Handrail`. */
export const reportGenerator = `Handrail report/${reportFormatVersion}`;
