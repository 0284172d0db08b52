import type { DiffLine, RevisionDiff } from '../../../shared/contract/index';

const markers = { added: '+', removed: '-', context: ' ' } as const;

/** A unified diff: hunks of numbered lines, additions and removals coloured and marked. */
export function DiffView({ diff }: { diff: RevisionDiff }) {
  if (diff.hunks.length === 0) {
    return (
      <p className="muted">
        Revisions {diff.from} and {diff.to} are the same.
      </p>
    );
  }
  return (
    <section aria-label={`Changes from revision ${diff.from} to revision ${diff.to}`} className="diff">
      <p>
        Revision {diff.from} → revision {diff.to}:{' '}
        <span className="diff-added-count">{diff.added} added</span>,{' '}
        <span className="diff-removed-count">{diff.removed} removed</span>
      </p>
      {diff.hunks.map((hunk, index) => (
        <table key={index} className="diff-hunk">
          <caption>
            Lines {hunk.oldStart}–{hunk.oldStart + Math.max(0, hunk.oldLines - 1)} of revision {diff.from},
            lines {hunk.newStart}–{hunk.newStart + Math.max(0, hunk.newLines - 1)} of revision {diff.to}
          </caption>
          <tbody>
            {hunk.lines.map((line, lineIndex) => (
              <DiffRow key={lineIndex} line={line} />
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

function DiffRow({ line }: { line: DiffLine }) {
  return (
    <tr className={`diff-line diff-${line.kind}`} data-kind={line.kind}>
      <td className="diff-number">{line.oldNumber ?? ''}</td>
      <td className="diff-number">{line.newNumber ?? ''}</td>
      <td className="diff-marker" aria-label={line.kind === 'context' ? undefined : line.kind}>
        {markers[line.kind]}
      </td>
      <td className="diff-text">
        <code>{line.text}</code>
      </td>
    </tr>
  );
}
