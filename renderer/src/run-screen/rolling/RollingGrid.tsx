import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { RollingState, RunHeader } from '../../../../shared/contract/index';
import type { StepView } from '../run-model';
import { formatTime } from '../../format/time';
import { StatusIcon } from '../status-icon';
import { visibleRange } from '../step-rows';
import { hostCells, hostOutcome } from '../../../../shared/run/index';
import { gridRows, type GridRow } from './rolling-model';
import './rolling.css';

/** Pixel height of every grid row; fixed, so rows are placed without measuring (virtualised). */
const rowHeight = 34;

interface RollingGridProps {
  run: RunHeader;
  step: StepView & { rolling: RollingState };
  stepOf(key: string): StepView | undefined;
  selectedKey: string | undefined;
  onSelect(key: string): void;
}

const hostStateLabels = {
  pending: 'waiting',
  'in-progress': 'in progress',
  failed: 'stopped',
  updated: 'updated',
  skipped: 'skipped: not updated',
} as const;

/**
 * Hosts as rows (under their batch, in execution order), sub-steps as columns, a cell per host
 * step with its state, time and exit code. Only the rows in view are in the page, so 500 hosts
 * scroll as fast as 5.
 */
export function RollingGrid({ run, step, stepOf, selectedKey, onSelect }: RollingGridProps) {
  const { rolling } = step;
  const rows = useMemo(() => gridRows(rolling), [rolling]);
  const viewport = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  useEffect(() => {
    const element = viewport.current;
    if (element === null) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // Eight sub-steps fit beside the host names in the grid's full-width row at 1366 px (issue 21).
  const columns = `minmax(140px, 1.3fr) repeat(${rolling.subSteps.length}, minmax(72px, 1fr))`;
  const { first, last } = visibleRange(scrollTop, height, rowHeight, rows.length);
  const rendered = [];
  for (let index = first; index <= last; index += 1) {
    const row = rows[index];
    if (row === undefined) continue;
    const style = { top: index * rowHeight, height: rowHeight, gridTemplateColumns: columns };
    rendered.push(
      row.type === 'batch' ? (
        <BatchRow key={`batch-${row.batch}`} row={row} count={rolling.batches.length} style={style} />
      ) : (
        <HostRow
          key={row.host}
          row={row}
          step={step}
          stepOf={stepOf}
          selectedKey={selectedKey}
          onSelect={onSelect}
          drained={rolling.outOfService.includes(row.host)}
          style={style}
        />
      ),
    );
  }
  return (
    <div className="rolling-grid" role="grid" aria-label="Rolling update grid" data-testid="rolling-grid">
      <div className="rolling-grid-head" role="row" style={{ gridTemplateColumns: columns }}>
        <span role="columnheader">Host</span>
        {rolling.subSteps.map((sub) => (
          <span key={sub.id} role="columnheader" title={sub.title}>
            {sub.title}
            {sub.drains && <span className="muted"> (drains)</span>}
            {sub.restores && <span className="muted"> (restores)</span>}
          </span>
        ))}
      </div>
      <div
        ref={viewport}
        className="rolling-grid-body"
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        data-run-status={run.status}
      >
        <div style={{ height: rows.length * rowHeight, position: 'relative' }}>{rendered}</div>
      </div>
    </div>
  );
}

function BatchRow({
  row,
  count,
  style,
}: {
  row: Extract<GridRow, { type: 'batch' }>;
  count: number;
  style: CSSProperties;
}) {
  const state = row.current ? 'in progress' : row.finished ? 'finished' : 'waiting';
  return (
    <div
      role="row"
      className={`rolling-batch-row${row.current ? ' current-batch' : ''}`}
      style={style}
      data-batch={row.batch + 1}
      data-batch-state={state}
    >
      {/* A grid row holds cells: the batch's title is its header across the row. */}
      <span className="rolling-batch-title" role="rowheader">
        Batch {row.batch + 1} of {count} · {state}
      </span>
    </div>
  );
}

function HostRow(props: {
  row: Extract<GridRow, { type: 'host' }>;
  step: StepView & { rolling: RollingState };
  stepOf(key: string): StepView | undefined;
  selectedKey: string | undefined;
  onSelect(key: string): void;
  drained: boolean;
  style: CSSProperties;
}) {
  const { row, step, drained } = props;
  const cells = hostCells(step.key, step.rolling, row.host, props.stepOf);
  const state = hostOutcome(step.rolling, row.host, cells);
  const skipReason = step.rolling.skippedHosts[row.host];
  return (
    <div
      role="row"
      className={`rolling-host-row host-${state}${row.current ? ' current-batch' : ''}`}
      style={props.style}
      data-host={row.host}
      data-host-state={state}
      data-drained={drained}
      data-current={row.current}
    >
      <span className="rolling-host-name" role="rowheader" title={row.groups.join(', ')}>
        <strong>{row.host}</strong>{' '}
        <span className={`host-badge host-badge-${state}`} title={skipReason}>
          {hostStateLabels[state]}
        </span>
        {drained && <span className="host-badge host-badge-drained">out of service</span>}
        {row.vipHolder === true && (
          <span className="host-badge host-badge-vip" title="Holds the VIP">
            VIP
          </span>
        )}
      </span>
      {cells.map((cell, index) =>
        cell === undefined ? (
          <span key={index} role="gridcell" />
        ) : (
          <GridCell
            key={cell.key}
            cell={cell}
            selected={cell.key === props.selectedKey}
            onSelect={props.onSelect}
          />
        ),
      )}
    </div>
  );
}

function GridCell({
  cell,
  selected,
  onSelect,
}: {
  cell: StepView;
  selected: boolean;
  onSelect(key: string): void;
}) {
  const exit = cell.exitCode;
  const at = cell.endedAt ?? cell.startedAt;
  return (
    <button
      type="button"
      role="gridcell"
      className={`rolling-cell cell-${cell.status}${selected ? ' selected' : ''}`}
      data-cell-key={cell.key}
      data-status={cell.status}
      aria-selected={selected}
      title={cell.failReason ?? cell.skipReason ?? cell.unknownReason ?? cell.title}
      onClick={() => onSelect(cell.key)}
    >
      <StatusIcon status={cell.status} />
      {at !== null && <span className="cell-time">{formatTime(at)}</span>}
      {exit !== null && <span className={`cell-exit${exit === 0 ? '' : ' bad'}`}>exit {exit}</span>}
    </button>
  );
}
