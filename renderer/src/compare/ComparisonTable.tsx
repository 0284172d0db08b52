import type { ComparedStep, ComparisonRow } from '../../../shared/contract/index';
import { formatDuration } from '../format/time';

const presenceLabels: Record<ComparisonRow['presence'], string> = {
  both: '',
  added: 'added in this revision',
  removed: 'not in this revision',
};

/** Every step side by side: outcome, attempts, time, skip, edited commands, notes. */
export function ComparisonTable({ rows }: { rows: readonly ComparisonRow[] }) {
  return (
    <table className="runs-table compare-steps" aria-label="Steps side by side">
      <thead>
        <tr>
          <th>Step</th>
          <th>This run</th>
          <th>Reference</th>
          <th>Difference</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.key}
            data-testid="compare-row"
            data-key={row.key}
            data-presence={row.presence}
            className={`compare-${row.presence}`}
          >
            <td>
              {row.title}
              {row.presence !== 'both' && <span className="badge">{presenceLabels[row.presence]}</span>}
              {row.changed && <span className="badge">changed between revisions</span>}
            </td>
            <td data-testid="compare-run">
              <Side side={row.run} />
            </td>
            <td data-testid="compare-reference">
              <Side side={row.reference} />
            </td>
            <td>
              {row.deltaSeconds === null
                ? ''
                : `${row.deltaSeconds > 0 ? '+' : row.deltaSeconds < 0 ? '−' : ''}${formatDuration(Math.abs(row.deltaSeconds))}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Side({ side }: { side: ComparedStep | null }) {
  if (side === null) return <span className="muted">—</span>;
  return (
    <div className="compare-side">
      <span className={`run-status run-status-${side.status}`}>{side.status}</span>
      {side.durationSeconds !== null && <span> · {formatDuration(side.durationSeconds)}</span>}
      <span>
        {' '}
        · {side.attempts} attempt{side.attempts === 1 ? '' : 's'}
      </span>
      {side.commandsEdited > 0 && <span className="badge">{side.commandsEdited} command edited</span>}
      {side.skipped && <div className="muted">skipped: {side.skipReason ?? ''}</div>}
      {side.notes.map((note, index) => (
        <div key={index} className="compare-note">
          ✎ {note}
        </div>
      ))}
    </div>
  );
}
