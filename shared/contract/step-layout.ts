import { isHostStepKey } from './rolling';
import type { StepState, StepStatus } from './runs';

/**
 * The shape of a run's step list in a few bytes, so a screen can lay out, count and navigate a
 * 5,000-step run while it holds only the rows in view (run-view.ts): every step's status as one
 * letter, in run order, and how many runbook steps each phase has. A run's steps are in runbook
 * order, phase by phase, and the host steps of its rolling steps come after all of them.
 */
const letters: Record<StepStatus, string> = {
  pending: 'p',
  running: 'r',
  succeeded: 's',
  failed: 'f',
  skipped: 'k',
  unknown: 'u',
};
const statusOfLetter = new Map(
  Object.entries(letters).map(([status, letter]) => [letter, status as StepStatus]),
);

/** The letters `encodeStatuses` writes: the contract checks a status string against them. */
export const statusLettersPattern = /^[prsfku]*$/;

export function encodeStatuses(steps: readonly Pick<StepState, 'status'>[]): string {
  let text = '';
  for (const step of steps) text += letters[step.status];
  return text;
}

export function decodeStatuses(text: string): StepStatus[] {
  const statuses: StepStatus[] = [];
  for (const letter of text) statuses.push(statusOfLetter.get(letter) ?? 'pending');
  return statuses;
}

/** How many runbook steps (not host steps) each of `phaseCount` phases has. */
export function phaseSizesOf(
  steps: readonly Pick<StepState, 'key' | 'phaseIndex'>[],
  phaseCount: number,
): number[] {
  const sizes = new Array<number>(phaseCount).fill(0);
  for (const step of steps) {
    if (isHostStepKey(step.key)) continue;
    sizes[step.phaseIndex] = (sizes[step.phaseIndex] ?? 0) + 1;
  }
  return sizes;
}
