import { hostStepKey, type RollingState } from '../contract/rolling';
import type { StepState } from '../contract/runs';

/**
 * Where each host of a rolling step stands, from its host steps: the rolling grid, the step list
 * and the report's host table all read it from here.
 */
export type HostOutcome = 'pending' | 'in-progress' | 'failed' | 'updated' | 'skipped';

type Cell = Pick<StepState, 'status'> | undefined;

/** The host steps of one host, in sub-step order (missing ones are undefined). */
export function hostCells<T>(
  rollingKey: string,
  rolling: Pick<RollingState, 'subSteps'>,
  host: string,
  stepOf: (key: string) => T | undefined,
): Array<T | undefined> {
  return rolling.subSteps.map((sub) => stepOf(hostStepKey(rollingKey, host, sub.id)));
}

/**
 * Skipped by the operator (or every sub-step finished with one of them skipped: not fully
 * updated either); failed (or unknown) in a sub-step; every sub-step passed; not begun; else in
 * progress.
 */
export function hostOutcome(
  rolling: Pick<RollingState, 'skippedHosts'>,
  host: string,
  cells: readonly Cell[],
): HostOutcome {
  if (Object.hasOwn(rolling.skippedHosts, host)) return 'skipped';
  // One pass, no arrays: this runs for every host of a 500-host step on each screen update.
  let succeeded = 0;
  let skipped = 0;
  let pending = 0;
  for (const cell of cells) {
    const status = cell?.status ?? 'pending';
    if (status === 'failed' || status === 'unknown') return 'failed';
    if (status === 'succeeded') succeeded += 1;
    else if (status === 'skipped') skipped += 1;
    else if (status === 'pending') pending += 1;
  }
  if (succeeded === cells.length) return 'updated';
  if (succeeded + skipped === cells.length) return 'skipped';
  if (pending === cells.length) return 'pending';
  return 'in-progress';
}

export interface HostTally {
  updated: number;
  failed: number;
  skipped: number;
  /** Not started or in progress. */
  remaining: number;
}

/** The rolling step's hosts counted by outcome. */
export function tallyHosts(
  rollingKey: string,
  rolling: Pick<RollingState, 'hosts' | 'subSteps' | 'skippedHosts'>,
  stepOf: (key: string) => Cell,
): HostTally {
  const tally: HostTally = { updated: 0, failed: 0, skipped: 0, remaining: 0 };
  const cells: Cell[] = new Array<Cell>(rolling.subSteps.length);
  for (const { name } of rolling.hosts) {
    rolling.subSteps.forEach((sub, index) => (cells[index] = stepOf(hostStepKey(rollingKey, name, sub.id))));
    const outcome = hostOutcome(rolling, name, cells);
    if (outcome === 'updated' || outcome === 'failed' || outcome === 'skipped') tally[outcome] += 1;
    else tally.remaining += 1;
  }
  return tally;
}
