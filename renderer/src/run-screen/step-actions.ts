import type { RunHeader, StepState } from '../../../shared/contract/index';

export type StepAction =
  | 'run'
  | 'cancel'
  | 'done'
  | 'evidence'
  | 'fail'
  | 'skip'
  | 'retry'
  | 'backup'
  | 'startWait'
  | 'cutWait'
  | 'sign';

const runnableKinds = new Set(['command', 'check', 'backup']);

export function hasRunnableCommands(step: StepState): boolean {
  return step.commands.some((command) => command.run);
}

/** A check with nothing to run: the operator judges it and attaches evidence. */
export function isManualCheck(step: StepState, evidenceRequired: boolean | undefined): boolean {
  return step.kind === 'check' && (!hasRunnableCommands(step) || evidenceRequired === true);
}

/**
 * Marking done needs evidence for manual checks and as the override for steps whose outcome the
 * engine would judge (the operator verified by hand); instructions need none.
 */
export function doneNeedsEvidence(step: StepState, evidenceRequired: boolean | undefined): boolean {
  if (step.kind === 'instruction') return false;
  if (step.kind === 'check' && !isManualCheck(step, evidenceRequired)) return true;
  return step.kind !== 'gate';
}

/** A destructive step of a live run in production: the environment's name must be typed. */
export function needsTypedConfirmation(run: RunHeader, step: Pick<StepState, 'destructive'>): boolean {
  return step.destructive && run.mode === 'live' && run.environment.kind === 'production';
}

/** The actions that make sense for the step now; the host still decides (and says why not). */
export function availableActions(step: StepState): StepAction[] {
  const actions: StepAction[] = [];
  const runnable = runnableKinds.has(step.kind) && hasRunnableCommands(step);
  const running = step.status === 'running';
  const commandRunning =
    step.attempts.at(-1)?.commands.some((command) => command.outcome === 'running') === true;
  // On a rolling step, run starts its next batch or continues the one in progress.
  if (step.kind === 'rolling' && running) actions.push('run');
  if (step.status === 'pending') {
    if (runnable || step.kind === 'rolling') actions.push('run');
    if (step.kind === 'wait') actions.push('startWait');
  }
  if (running && commandRunning) actions.push('cancel');
  if (running && step.kind === 'wait') actions.push('cutWait');
  if (running && step.kind === 'backup') actions.push('backup');
  if (step.kind === 'gate') {
    if (step.status === 'pending') actions.push('sign');
  } else if (['pending', 'failed', 'unknown'].includes(step.status)) actions.push('done');
  if (step.kind === 'check' && ['pending', 'running', 'failed', 'unknown'].includes(step.status))
    actions.push('evidence');
  if (['failed', 'unknown', 'skipped'].includes(step.status)) actions.push('retry');
  if (['pending', 'unknown', 'succeeded'].includes(step.status)) actions.push('fail');
  if (['pending', 'failed', 'unknown'].includes(step.status)) actions.push('skip');
  return actions;
}
