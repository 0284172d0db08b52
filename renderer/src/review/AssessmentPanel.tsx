import { useState } from 'react';
import type { ReviewState, ReviewVerdict, RunHeader } from '../../../shared/contract/index';
import { formatTime } from '../format/time';
import { describeError } from '../library/describe-error';
import { MarkdownText } from '../markdown/MarkdownText';

export const verdictLabels: Record<ReviewVerdict, string> = {
  ready: 'Ready',
  'needs-practice': 'Needs practice',
  'not-ready': 'Not ready',
};

interface AssessmentPanelProps {
  run: RunHeader;
  review: ReviewState;
  reviewer: string;
  assess(verdict: ReviewVerdict, text: string): Promise<void>;
  /** Opens the sign-off dialog for the review (name, role, key: as any sign-off). */
  onSign(): void;
}

/** The overall assessment (a verdict and why) and the review sign-off that seals it into the report. */
export function AssessmentPanel({ run, review, reviewer, assess, onSign }: AssessmentPanelProps) {
  const [verdict, setVerdict] = useState<ReviewVerdict>(review.assessment?.verdict ?? 'needs-practice');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const finished = run.status === 'completed' || run.status === 'aborted';
  const perform = (work: () => Promise<void>, after?: () => void) => {
    setBusy(true);
    setError(undefined);
    work().then(
      () => {
        after?.();
        setBusy(false);
      },
      (failure: unknown) => {
        setError(describeError(failure));
        setBusy(false);
      },
    );
  };
  const current = review.assessment;
  return (
    <section className="assessment" aria-label="Assessment">
      <h3>Overall assessment</h3>
      {current === null ? (
        <p className="muted">No assessment yet.</p>
      ) : (
        <div className="current-assessment" data-testid="assessment">
          <strong data-testid="assessment-verdict">
            {verdictLabels[current.verdict ?? 'needs-practice']}
          </strong>{' '}
          <span className="muted">
            {current.author}, {formatTime(current.at)}
          </span>
          <MarkdownText text={current.text} />
        </div>
      )}
      <label className="review-field">
        Verdict
        <select value={verdict} onChange={(event) => setVerdict(event.target.value as ReviewVerdict)}>
          {Object.entries(verdictLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="review-field">
        Assessment
        <textarea value={text} onChange={(event) => setText(event.target.value)} rows={4} />
      </label>
      <button
        type="button"
        disabled={busy || reviewer.trim() === '' || text.trim() === ''}
        onClick={() =>
          perform(
            () => assess(verdict, text),
            () => setText(''),
          )
        }
      >
        Save assessment
      </button>
      <h3>Review sign-off</h3>
      {review.signoffs.map((signoff, index) => (
        <p key={index} className="signoff" data-testid="review-signoff">
          Signed by {signoff.name}
          {signoff.role !== '' && ` (${signoff.role})`} at {formatTime(signoff.at)}:{' '}
          {signoff.verdict === null ? 'no verdict' : verdictLabels[signoff.verdict]}, covering{' '}
          {signoff.entries} review entries · key <code>{signoff.fingerprint}</code>
        </p>
      ))}
      <button type="button" disabled={busy || current === null || !finished} onClick={onSign}>
        Sign the review…
      </button>
      {!finished && <p className="muted">The review is signed once the run is finished.</p>}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
