import type { RunHeader } from '../../../shared/contract/index';
import './practice.css';

/**
 * A practice run says so on every screen that shows it, the way production does: a trainee (and
 * a mentor reading it later) must never take it for a live change.
 */
export function PracticeBanner({ run }: { run: RunHeader }) {
  if (run.mode !== 'practice') return null;
  return (
    <div className="practice-banner" role="note" data-testid="practice-banner">
      PRACTICE RUN · {run.environment.name} ({run.environment.kind}) — a training record, not a live change
    </div>
  );
}

/** The way from a run to its review and to a comparison with another run of the same runbook. */
export function ReviewLinks({ runId }: { runId: string }) {
  return (
    <nav className="review-links" aria-label="Review and compare">
      <a href={`#/review/${runId}`}>Review this run</a>
      <a href={`#/compare/${runId}`}>Compare with a reference run</a>
    </nav>
  );
}

/** The short label for lists and headers. */
export function PracticeBadge() {
  return (
    <span className="practice-badge" data-testid="practice-badge">
      PRACTICE
    </span>
  );
}
