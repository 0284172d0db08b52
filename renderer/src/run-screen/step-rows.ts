import {
  isHostStepKey,
  type RunHeader,
  type StepState,
  type StepTally,
} from '../../../shared/contract/index';
import { tallySteps } from '../../../shared/run/index';

/** One line of the step list: a phase heading (with its steps' tally) or a step (by its index in the run's steps). */
export type StepRow =
  | { type: 'phase'; phaseIndex: number; title: string; tally: StepTally }
  | { type: 'step'; stepIndex: number };

/**
 * The runbook's steps grouped under their phases, as flat rows for a virtualised list. The host
 * steps of rolling steps are in the rolling grid, not here.
 */
export function stepRows(
  phases: RunHeader['phases'],
  steps: ReadonlyArray<Pick<StepState, 'key' | 'phaseIndex' | 'status'>>,
): StepRow[] {
  const byPhase = new Map<number, number[]>();
  steps.forEach((step, index) => {
    if (isHostStepKey(step.key)) return;
    const list = byPhase.get(step.phaseIndex) ?? [];
    list.push(index);
    byPhase.set(step.phaseIndex, list);
  });
  const rows: StepRow[] = [];
  phases.forEach((phase, phaseIndex) => {
    const members = byPhase.get(phaseIndex) ?? [];
    const tally = tallySteps(members.flatMap((index) => steps[index] ?? [])).steps;
    rows.push({ type: 'phase', phaseIndex, title: phase.title, tally });
    for (const stepIndex of members) rows.push({ type: 'step', stepIndex });
  });
  return rows;
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
