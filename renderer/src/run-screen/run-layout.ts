import {
  parseHostStepKey,
  stepHold,
  type RunTally,
  type StepHold,
  type StepStatus,
} from '../../../shared/contract/index';
import { emptyTally, tallyStatuses } from '../../../shared/run/index';
import type { RunModel, StepView } from './run-model';

/**
 * What the run screen reads of every step without holding every row (run-model.ts keeps only
 * the rows in view): the count, a phase's tally and the order guards, from the statuses the open
 * sent and the updates keep current.
 */

/** How many runbook steps the run has; its host steps are the positions after them. */
export function runbookStepCount(model: Pick<RunModel, 'phaseSizes'>): number {
  return model.phaseSizes.reduce((sum, size) => sum + size, 0);
}

/** The run's one count (shared/run/step-tally.ts), from the statuses. */
export function tallyOf(model: Pick<RunModel, 'statuses' | 'phaseSizes'>): RunTally {
  const listed = runbookStepCount(model);
  return {
    steps: tallyRange(model.statuses, 0, listed),
    hostSteps: tallyRange(model.statuses, listed, model.statuses.length),
  };
}

/** The tally of the statuses at positions [from, to). */
export function tallyRange(statuses: readonly StepStatus[], from: number, to: number) {
  if (to <= from) return emptyTally();
  const counts = new Map<StepStatus, number>();
  for (let index = from; index < to; index += 1) {
    const status = statuses[index];
    if (status !== undefined) counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return tallyStatuses(counts);
}

/**
 * What holds a step back (shared/contract/step-order.ts). The guards read the steps before it:
 * their statuses are all here; a running wait is always a row held (the open sends every running
 * step, an update every step it changed); a step not held is named by its number until it is.
 */
export function holdOf(model: RunModel, key: string): StepHold | undefined {
  // Only the steps up to the step's own (a host step's: its rolling step's) are read.
  const position = model.indexByKey.get(parseHostStepKey(key)?.stepKey ?? key);
  if (position === undefined) return undefined;
  const ordered: Array<Pick<StepView, 'key' | 'title' | 'kind' | 'status' | 'wait'>> = [];
  for (let index = 0; index <= position; index += 1) {
    const row = model.rows.get(index);
    const status = model.statuses[index] ?? 'pending';
    ordered.push(
      row ?? { key: `#${index}`, title: `step ${index + 1}`, kind: 'instruction', status, wait: null },
    );
  }
  return stepHold(model.run, ordered, key);
}
