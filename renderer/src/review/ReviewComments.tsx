import { useState } from 'react';
import type { ReviewEntry } from '../../../shared/contract/index';
import { formatTime } from '../format/time';
import { describeError } from '../library/describe-error';
import { MarkdownText } from '../markdown/MarkdownText';

interface ReviewCommentsProps {
  title: string;
  entries: readonly ReviewEntry[];
  /** Adds a comment; rejects with the host's refusal. */
  onAdd(text: string): Promise<void>;
  canAdd: boolean;
}

/** The mentor's comments (on a step or the run), with author and time, and a box to add one. */
export function ReviewComments({ title, entries, onAdd, canAdd }: ReviewCommentsProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = () => {
    setBusy(true);
    setError(undefined);
    onAdd(text).then(
      () => {
        setText('');
        setBusy(false);
      },
      (failure: unknown) => {
        setError(describeError(failure));
        setBusy(false);
      },
    );
  };
  return (
    <section className="review-comments" aria-label={title}>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ol className="note-list">
          {entries.map((entry) => (
            <li key={entry.seq} className="review-comment" data-testid="review-comment">
              <span className="muted">
                {entry.author}, {formatTime(entry.at)}
              </span>
              <MarkdownText text={entry.text} />
            </li>
          ))}
        </ol>
      )}
      <label className="review-field">
        Comment
        <textarea value={text} onChange={(event) => setText(event.target.value)} rows={3} />
      </label>
      <button type="button" disabled={!canAdd || busy || text.trim() === ''} onClick={submit}>
        Add comment
      </button>
      {!canAdd && <p className="muted">Type your name as reviewer first.</p>}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
