import type { Note } from '../../../shared/contract/index';
import { formatTime } from '../format/time';
import { MarkdownText } from '../markdown/MarkdownText';
import { VisibleText } from '../format/visible-text';

/** Notes, oldest first, each with its author and time; the text is Markdown, rendered safely. */
export function NoteList({ notes, empty }: { notes: Note[]; empty: string }) {
  if (notes.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="note-list">
      {notes.map((note) => (
        <li key={note.seq} className="note" data-testid="note">
          <span className="muted">
            <VisibleText text={note.author} />, {formatTime(note.at)}
          </span>
          <MarkdownText text={note.text} />
        </li>
      ))}
    </ol>
  );
}
