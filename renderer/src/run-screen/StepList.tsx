import { forwardRef, useEffect, useMemo, useRef, useState } from 'react';
import { rollingHostNote, tallyHosts, tallyLine } from '../../../shared/run/index';
import { tallyOf } from './run-layout';
import { stepByKey, type RunModel } from './run-model';
import { StatusIcon } from './status-icon';
import { rowOfStep, scrollToReveal, stepRows, visibleRange } from './step-rows';
import { VisibleText } from '../format/visible-text';

/** Pixel height of every row; fixed, so the list can place rows without measuring them. */
const rowHeight = 30;

interface StepListProps {
  model: RunModel;
  selectedKey: string | undefined;
  onSelect(key: string): void;
  /** Rows in view that this window does not hold yet, by position: page them in (`runs.steps`). */
  onNeedRows?(from: number, to: number): void;
}

/**
 * The steps under their phases, virtualised: only the rows in view (and a few either side) are
 * in the page, so thousands of steps scroll and navigate as fast as ten. The list is laid out
 * from the run's layout (phase sizes, statuses), so a row not held yet still has its place and
 * status; it is asked for as it comes into view.
 */
export const StepList = forwardRef<HTMLDivElement, StepListProps>(function StepList(
  { model, selectedKey, onSelect, onNeedRows },
  ref,
) {
  const viewport = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const rows = useMemo(
    () => stepRows(model.run.phases, model.phaseSizes, model.statuses),
    [model.run.phases, model.phaseSizes, model.statuses],
  );
  const hostsNotes = useMemo(() => rollingNotes(model), [model]);
  const selectedIndex = selectedKey === undefined ? undefined : model.indexByKey.get(selectedKey);
  const selectedRow = selectedIndex === undefined ? -1 : rowOfStep(model.phaseSizes, selectedIndex);

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
  const { from: missingFrom, to: missingTo } = missingRows(rows.slice(first, last + 1), model) ?? {};
  useEffect(() => {
    if (missingFrom !== undefined && missingTo !== undefined) onNeedRows?.(missingFrom, missingTo);
  }, [missingFrom, missingTo, onNeedRows]);
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
            {row.phaseIndex + 1}. <VisibleText text={row.title} />
          </span>
          <span className="muted" title={tallyLine(row.tally)}>
            {row.tally.done}/{row.tally.total} done
          </span>
        </div>,
      );
      continue;
    }
    const step = model.rows.get(row.stepIndex);
    if (step === undefined) {
      rendered.push(
        <div
          key={`row-${row.stepIndex}`}
          className="step-row loading-row"
          style={{ top, height: rowHeight }}
          role="presentation"
          data-step-index={row.stepIndex}
        >
          <StatusIcon status={model.statuses[row.stepIndex] ?? 'pending'} />
          <span className="muted">Step {row.stepIndex + 1}…</span>
        </div>,
      );
      continue;
    }
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
        <span className="step-row-title">
          <VisibleText text={step.title} />
        </span>
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
  // The open sends every rolling step and host step, so these are all of them.
  const rollingSteps = [...model.rows.values()].filter((step) => step.rolling !== undefined);
  const { hostSteps } = tallyOf(model);
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

/** The first and last positions of the step rows in view that are not held yet, if any. */
function missingRows(
  inView: ReturnType<typeof stepRows>,
  model: RunModel,
): { from: number; to: number } | undefined {
  let from: number | undefined;
  let to: number | undefined;
  for (const row of inView) {
    if (row.type !== 'step' || model.rows.has(row.stepIndex)) continue;
    from ??= row.stepIndex;
    to = row.stepIndex;
  }
  return from === undefined || to === undefined ? undefined : { from, to };
}
