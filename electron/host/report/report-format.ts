/**
 * Which form of the report this Handrail writes. A verifier re-renders a report from its embedded
 * record and compares, so a report written by an earlier form cannot be compared by this code:
 * the mark tells such a report apart from an edited one. Raise the number whenever what a
 * report shows changes.
 *
 * 2: one count (runbook steps and host steps apart), deviations read from the event log.
 * 3: transcript gaps listed as deviations (issue 18); the HTML `<title>` shows controls as
 *    marker characters, not as marker tags (issue 19).
 */
export const reportFormatVersion = 3;
export const reportJsonFormat = `handrail-report/${reportFormatVersion}`;
/** JSON reports of earlier forms: their record is still read and checked. */
export const earlierReportJsonFormats: readonly string[] = ['handrail-report/1', 'handrail-report/2'];
/** The HTML report's `<meta name="generator">` content. Form 1 wrote plain `Handrail`. */
export const reportGenerator = `Handrail report/${reportFormatVersion}`;
