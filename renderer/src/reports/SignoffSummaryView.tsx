import { TallyLines } from '../runs/TallyLines';
import type { DeviationGroup, SignoffSummary } from './signoff-summary';

/** The summary a signer reads: the count first, then every deviation the report lists. */
export function SignoffSummaryView({ summary }: { summary: SignoffSummary }) {
  return (
    <section className="signoff-summary" aria-label="Summary">
      <p>
        <TallyLines tally={summary.tally} testId="summary-counts" />
      </p>
      {summary.groups.map((group) => (
        <Group key={group.label} group={group} />
      ))}
      {summary.groups.length === 0 && <p className="muted">No deviations from the runbook.</p>}
    </section>
  );
}

function Group({ group }: { group: DeviationGroup }) {
  return (
    <>
      <h3>{group.label}</h3>
      <ul className="summary-list" aria-label={group.label}>
        {group.items.map((item, index) => (
          <li key={index}>
            <strong>{item.stepTitle || 'the run'}</strong>: {item.detail}
          </li>
        ))}
      </ul>
    </>
  );
}
