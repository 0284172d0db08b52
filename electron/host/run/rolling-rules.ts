import {
  hostStepKey,
  parseHostStepKey,
  RpcError,
  type RollingState,
  type StepState,
} from '../../../shared/contract/index';
import type { LiveRun } from './run-context';
import { requireConfirmation } from './run-rules';

/** The rolling step a host step belongs to, with its plan. */
export function rollingOf(live: LiveRun, key: string): { step: StepState; rolling: RollingState } {
  const step = live.state.steps.find((candidate) => candidate.key === key);
  if (step === undefined || step.kind !== 'rolling')
    throw new RpcError('conflict', `the run has no rolling step ${key}`, 'params.stepKey');
  if (step.rolling === undefined)
    throw new RpcError('conflict', `"${step.title}" has no plan yet: start it to plan its hosts`);
  return { step, rolling: step.rolling };
}

/**
 * A host's sub-steps can be acted on once its batch has started: the engine offers batches in
 * order and within the drain cap, so a host further on waits for its turn.
 */
export function requireHostTurn(live: LiveRun, key: string): void {
  const parts = parseHostStepKey(key);
  if (parts === undefined) return;
  const { step, rolling } = rollingOf(live, parts.stepKey);
  const batch = rolling.hosts.find((host) => host.name === parts.host)?.batch ?? Infinity;
  const lastStarted = rolling.currentBatch ?? rolling.finishedBatches - 1;
  if (batch <= lastStarted) return;
  throw new RpcError(
    'conflict',
    `${parts.host} is in batch ${batch + 1} of "${step.title}": start that batch from the rolling step first`,
  );
}

/** The host steps of a batch in the order the engine runs them: each sub-step on every host in turn. */
export function batchCells(live: LiveRun, step: StepState, batch: number): StepState[] {
  const rolling = step.rolling;
  const hosts = rolling?.batches[batch] ?? [];
  const byKey = cellIndex(live);
  return (rolling?.subSteps ?? []).flatMap((sub) =>
    hosts.flatMap((host) => {
      const cell = byKey.get(hostStepKey(step.key, host, sub.id));
      return cell === undefined ? [] : [cell];
    }),
  );
}

/** Every host step of one host, in sub-step order. */
export function hostCells(live: LiveRun, step: StepState, host: string): StepState[] {
  const byKey = cellIndex(live);
  return (step.rolling?.subSteps ?? []).flatMap((sub) => {
    const cell = byKey.get(hostStepKey(step.key, host, sub.id));
    return cell === undefined ? [] : [cell];
  });
}

/**
 * Starting a batch of a rolling step with a destructive sub-step, in a live production run, needs
 * the environment's name typed; the batch's sub-steps are then sent under that confirmation.
 */
export function requireRollingConfirmation(
  live: LiveRun,
  step: StepState,
  confirm: string | undefined,
): void {
  const destructive =
    step.destructive || live.steps.get(step.key)?.rolling?.steps.some((sub) => sub.destructive) === true;
  requireConfirmation(live.state, { ...step, destructive }, confirm);
}

function cellIndex(live: LiveRun): Map<string, StepState> {
  return new Map(live.state.steps.filter((s) => s.key.includes('@')).map((s) => [s.key, s]));
}
