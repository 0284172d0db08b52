import type { RunHeader, StepStatus, StepTally } from '../../../shared/contract/index';
import { tallyRange } from './run-layout';

/** One line of the step list: a phase heading (with its steps' tally) or a step (by its position in the run's steps). */
export type StepRow =
  | { type: 'phase'; phaseIndex: number; title: string; tally: StepTally }
  | { type: 'step'; stepIndex: number };

/**
 * The runbook's steps grouped under their phases, as flat rows for a virtualised list, from the
 * layout alone (each phase's size, every status): the rows themselves need not be held. Steps
 * are in phase order; the host steps of rolling steps come after them and are in the rolling
 * grid, not here.
 */
export function stepRows(
  phases: RunHeader['phases'],
  phaseSizes: readonly number[],
  statuses: readonly StepStatus[],
): StepRow[] {
  const rows: StepRow[] = [];
  let from = 0;
  phases.forEach((phase, phaseIndex) => {
    const size = phaseSizes[phaseIndex] ?? 0;
    const tally = tallyRange(statuses, from, from + size);
    rows.push({ type: 'phase', phaseIndex, title: phase.title, tally });
    for (let stepIndex = from; stepIndex < from + size; stepIndex += 1)
      rows.push({ type: 'step', stepIndex });
    from += size;
  });
  return rows;
}

/** The list row (phase headings counted) of the step at a position. */
export function rowOfStep(phaseSizes: readonly number[], stepIndex: number): number {
  let before = 0;
  for (let phaseIndex = 0; phaseIndex < phaseSizes.length; phaseIndex += 1) {
    const size = phaseSizes[phaseIndex] ?? 0;
    if (stepIndex < before + size) return stepIndex + phaseIndex + 1;
    before += size;
  }
  return -1;
}

/** The rows to render for a viewport: those visible, plus a few either side for smooth scrolling. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 8,
): { first: number; last: number } {
  if (rowCount === 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount - 1, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last };
}

/** The scroll position that brings a row into view, or undefined when it already is. */
export function scrollToReveal(
  rowIndex: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number | undefined {
  const top = rowIndex * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return undefined;
}
