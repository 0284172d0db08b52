import type { RunTally, StepState, StepStatus, StepTally } from '../contract/runs';
import { isHostStepKey } from '../contract/rolling';

/**
 * The one count of a run: how many of its steps are done, failed, skipped, of unknown outcome or
 * still open, for the runbook's steps and, apart, for the host steps of its rolling steps. The run
 * header, the runs list, the sign-off dialog and every report show this and nothing else, so they
 * cannot disagree. A failed step is not done; neither is a skipped one.
 */
export function tallySteps(steps: readonly Pick<StepState, 'key' | 'status'>[]): RunTally {
  const tally: RunTally = { steps: emptyTally(), hostSteps: emptyTally() };
  for (const step of steps) count(isHostStepKey(step.key) ? tally.hostSteps : tally.steps, step.status);
  return tally;
}

/** The same count from how many steps have each status (for a store that counts them itself). */
export function tallyStatuses(counts: Iterable<readonly [StepStatus, number]>): StepTally {
  const tally = emptyTally();
  for (const [status, many] of counts) count(tally, status, many);
  return tally;
}

export function emptyTally(): StepTally {
  return { total: 0, done: 0, failed: 0, skipped: 0, unknown: 0, open: 0 };
}

const bucket: Record<StepStatus, Exclude<keyof StepTally, 'total'>> = {
  succeeded: 'done',
  failed: 'failed',
  skipped: 'skipped',
  unknown: 'unknown',
  pending: 'open',
  running: 'open',
};

function count(tally: StepTally, status: StepStatus, many = 1): void {
  tally.total += many;
  tally[bucket[status]] += many;
}
