import type { Step, StepKind } from '../../../shared/runbook/index';

/**
 * Planning guesses for steps whose runbook gives no estimatedDurationSeconds. They only shape the
 * plan's schedule (never a timeout): reading and confirming an instruction takes about a minute,
 * a command or check a couple, a backup or a sign-off several; a rolling step repeats per host,
 * so its guess is deliberately large until the rolling grid (issue 6) estimates per host.
 */
export const defaultStepSeconds: Readonly<Record<StepKind, number>> = {
  instruction: 60,
  command: 120,
  check: 120,
  backup: 600,
  wait: 300,
  rolling: 3600,
  gate: 300,
};

/** Seconds a step is expected to take: its own estimate, a wait's length, or the kind's default. */
export function stepSeconds(step: Step): number {
  if (step.estimatedDurationSeconds !== undefined) return step.estimatedDurationSeconds;
  if (step.kind === 'wait') return step.wait?.seconds ?? step.wait?.timeoutSeconds ?? defaultStepSeconds.wait;
  return defaultStepSeconds[step.kind];
}
