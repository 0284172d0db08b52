import { Fragment } from 'react';
import { visibleSegments } from '../../../shared/text/visible-markers';
import './visible-text.css';

/**
 * Text from a record or a runbook (a command about to be run, a step's title or body, a note, a
 * signer's name) with every control, DEL, bidi and invisible format character shown as the
 * marker a report shows (shared/text/visible-markers.ts), styled so it cannot pass for the text
 * around it: a U+202E in a command would otherwise reverse what the operator reads (issue 19).
 * Newline and tab stay themselves unless `lineBreaks` asks for them to be marked.
 */
export function VisibleText({ text, lineBreaks = false }: { text: string; lineBreaks?: boolean }) {
  const segments = visibleSegments(text, { lineBreaks });
  if (segments.length === 1 && segments[0]?.kind === 'text') return <>{text}</>;
  return (
    <>
      {segments.map((segment, index) =>
        segment.kind === 'text' ? (
          <Fragment key={index}>{segment.text}</Fragment>
        ) : (
          <span
            key={index}
            className="visible-control"
            data-testid="visible-control"
            title={`U+${segment.codePoint.toString(16).toUpperCase().padStart(4, '0')}: a control or formatting character, shown rather than obeyed`}
          >
            {segment.marker}
          </span>
        ),
      )}
    </>
  );
}
