import { forwardRef, useEffect, useMemo, useRef, useState } from 'react';
import type { StepState } from '../../../shared/contract/index';
import { rollingHostNote, tallyHosts, tallyLine } from '../../../shared/run/index';
import { stepByKey, type RunModel } from './run-model';
import { StatusIcon } from './status-icon';
import { scrollToReveal, stepRows, visibleRange } from './step-rows';

/** Pixel height of every row; fixed, so the list can place rows without measuring them. */
const rowHeight = 30;

interface StepListProps {
  model: RunModel;
  selectedKey: string | undefined;
  onSelect(key: string): void;
}

/**
 * The steps under their phases, virtualised: only the rows in view (and a few either side) are
 * in the page, so thousands of steps scroll and navigate as fast as ten.
 */
export const StepList = forwardRef<HTMLDivElement, StepListProps>(function StepList(
  { model, selectedKey, onSelect },
  ref,
) {
  const viewport = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const rows = useMemo(() => stepRows(model.run.phases, model.steps), [model.run.phases, model.steps]);
  const selectedRow = useMemo(
    () => rows.findIndex((row) => row.type === 'step' && model.steps[row.stepIndex]?.key === selectedKey),
    [rows, model.steps, selectedKey],
  );

  useEffect(() => {
    const element = viewport.current;
    if (element === null) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = viewport.current;
    if (element === null || selectedRow < 0) return;
    const target = scrollToReveal(selectedRow, element.scrollTop, element.clientHeight, rowHeight);
    if (target !== undefined) element.scrollTop = target;
  }, [selectedRow]);

  const { first, last } = visibleRange(scrollTop, height, rowHeight, rows.length);
  const rendered = [];
  for (let index = first; index <= last; index += 1) {
    const row = rows[index];
    if (row === undefined) continue;
    const top = index * rowHeight;
    if (row.type === 'phase') {
      rendered.push(
        <div
          key={`phase-${row.phaseIndex}`}
          className="step-row phase-row"
          style={{ top, height: rowHeight }}
          role="presentation"
        >
          <span className="phase-title">
            {row.phaseIndex + 1}. {row.title}
          </span>
          <span className="muted" title={tallyLine(row.tally)}>
            {row.tally.done}/{row.tally.total} done
          </span>
        </div>,
      );
      continue;
    }
    const step = model.steps[row.stepIndex];
    if (step === undefined) continue;
    const selected = step.key === selectedKey;
    rendered.push(
      <div
        key={step.key}
        role="option"
        aria-selected={selected}
        data-step-key={step.key}
        data-status={step.status}
        className={`step-row${selected ? ' selected' : ''}${step.key === model.run.currentStepKey ? ' current' : ''}`}
        style={{ top, height: rowHeight }}
        onClick={() => onSelect(step.key)}
      >
        <StatusIcon status={step.status} />
        <span className="step-row-title">{step.title}</span>
        <HostsNote step={step} model={model} />
        {step.destructive && <span className="badge badge-danger">destructive</span>}
        {step.noteCount > 0 && (
          <span className="muted" title="notes">
            ✎{step.noteCount}
          </span>
        )}
      </div>,
    );
  }

  return (
    <div
      ref={(element) => {
        viewport.current = element;
        if (typeof ref === 'function') ref(element);
        else if (ref !== null) ref.current = element;
      }}
      className="step-list"
      role="listbox"
      aria-label="Steps"
      tabIndex={0}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="step-list-spacer" style={{ height: rows.length * rowHeight }}>
        {rendered}
      </div>
    </div>
  );
});

/** A rolling step that left hosts skipped or failed says so beside its status, not a plain ✓. */
function HostsNote({ step, model }: { step: StepState; model: RunModel }) {
  if (step.rolling === undefined) return null;
  const note = rollingHostNote(tallyHosts(step.key, step.rolling, (key) => stepByKey(model, key)));
  if (note === null) return null;
  return (
    <span className="badge badge-warn" data-testid="hosts-note">
      {note}
    </span>
  );
}
