import { forwardRef, useEffect, useMemo, useRef, useState } from 'react';
import { rollingHostNote, tallyHosts, tallyLine, tallySteps } from '../../../shared/run/index';
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
  const hostsNotes = useMemo(() => rollingNotes(model), [model]);
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
        {hostsNotes.has(step.key) && (
          <span className="badge badge-warn" data-testid="hosts-note">
            {hostsNotes.get(step.key)}
          </span>
        )}
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

/**
 * What each rolling step's row says when hosts were skipped or failed (not a plain ✓). Counting
 * hosts walks every host step, so it is skipped when no host step failed, was skipped or is of
 * unknown outcome and no host was skipped: the usual case, and one pass over the statuses.
 */
function rollingNotes(model: RunModel): Map<string, string> {
  const notes = new Map<string, string>();
  const rollingSteps = model.steps.filter((step) => step.rolling !== undefined);
  const { hostSteps } = tallySteps(model.steps);
  const trouble =
    hostSteps.failed + hostSteps.skipped + hostSteps.unknown > 0 ||
    rollingSteps.some((step) => Object.keys(step.rolling?.skippedHosts ?? {}).length > 0);
  if (!trouble) return notes;
  for (const step of rollingSteps) {
    const note = rollingHostNote(tallyHosts(step.key, step.rolling!, (key) => stepByKey(model, key)));
    if (note !== null) notes.set(step.key, note);
  }
  return notes;
}
