import type { SignoffSummary, SummaryStep } from './signoff-summary';

/** The summary a signer reads: counts first, then every step and deviation that needs a word. */
export function SignoffSummaryView({ summary }: { summary: SignoffSummary }) {
  return (
    <section className="signoff-summary" aria-label="Summary">
      <p data-testid="summary-counts">
        {summary.done} of {summary.total} steps done · {summary.failed.length} failed ·{' '}
        {summary.skipped.length} skipped · {summary.unknown.length} outcome unknown
        {summary.open > 0 ? ` · ${summary.open} not finished` : ''}
      </p>
      <StepGroup label="Failed" steps={summary.failed} />
      <StepGroup label="Skipped" steps={summary.skipped} />
      <StepGroup label="Outcome unknown" steps={summary.unknown} />
      {summary.deviations.length > 0 && (
        <>
          <h3>Other deviations</h3>
          <ul className="summary-list">
            {summary.deviations.map((deviation, index) => (
              <li key={index}>
                <strong>{deviation.stepTitle || 'the run'}</strong> ({deviation.kind}): {deviation.detail}
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.failed.length + summary.skipped.length + summary.unknown.length === 0 &&
        summary.deviations.length === 0 && <p className="muted">No deviations from the runbook.</p>}
    </section>
  );
}

function StepGroup({ label, steps }: { label: string; steps: SummaryStep[] }) {
  if (steps.length === 0) return null;
  return (
    <>
      <h3>{label}</h3>
      <ul className="summary-list" aria-label={label}>
        {steps.map((step) => (
          <li key={step.key}>
            <strong>{step.title}</strong>: {step.reason}
          </li>
        ))}
      </ul>
    </>
  );
}
