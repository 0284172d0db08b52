import {
  describeHold,
  RpcError,
  stepHold,
  type RunDetail,
  type StepState,
  type StepStatus,
} from '../../../shared/contract/index';
import type { Step } from '../../../shared/runbook/index';
import type { LiveRun } from './run-context';
import { draft, type EventDraft } from './run-event-types';
import { referencedNames } from './variables';
import { requireApproved } from '../approval/approval-rules';

/**
 * The rules of guided runs (docs/runs.md) as checks that throw the refusal the operator sees.
 * Each names the field to fix where there is one.
 */

/**
 * Completed and aborted runs are read-only; a paused run refuses step actions; so does a run
 * awaiting approval before change (approval/approval-rules.ts, docs/approval.md).
 */
export function requireActive(state: RunDetail, what = 'this'): void {
  requireActiveBeforeApproval(state, what);
  requireApproved(state, what);
}

/** Active, approved or not: what a run awaiting approval may still do (change a variable, pause). */
export function requireActiveBeforeApproval(state: RunDetail, what = 'this'): void {
  requireOpen(state);
  if (state.run.status === 'paused')
    throw new RpcError('conflict', `the run is paused: resume it before ${what}`);
}

export function requireOpen(state: RunDetail): void {
  const { status } = state.run;
  if (status === 'completed' || status === 'aborted')
    throw new RpcError('conflict', `the run is ${status}: it is read-only`);
}

export function requireStep(live: LiveRun, key: string): { step: StepState; spec: Step } {
  const step = live.state.steps.find((candidate) => candidate.key === key);
  const spec = live.steps.get(key);
  if (step === undefined || spec === undefined)
    throw new RpcError('not_found', `the run has no step ${key}`, 'params.stepKey');
  return { step, spec };
}

/** The step statuses each action starts from (docs/runs.md, "Step actions"). */
export const allowedFrom = {
  runStep: ['pending'],
  markDone: ['pending', 'failed', 'unknown'],
  fail: ['pending', 'unknown', 'succeeded'],
  skip: ['pending', 'failed', 'unknown'],
  retry: ['failed', 'unknown', 'skipped'],
  startWait: ['pending'],
  signGate: ['pending'],
} as const satisfies Record<string, readonly StepStatus[]>;

export function requireStatus(step: StepState, allowed: readonly StepStatus[], action: string): void {
  if (allowed.includes(step.status)) return;
  throw new RpcError(
    'conflict',
    `"${step.title}" is ${step.status}: ${action} needs it ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')}`,
  );
}

/** A gate in an earlier phase that has not passed blocks every later step. */
export function requireGatesPassed(state: RunDetail, step: StepState): void {
  const gate = state.steps.find(
    (candidate) =>
      candidate.kind === 'gate' &&
      candidate.phaseIndex < step.phaseIndex &&
      candidate.status !== 'succeeded' &&
      candidate.status !== 'skipped',
  );
  if (gate !== undefined)
    throw new RpcError(
      'conflict',
      `the gate "${gate.title}" must be signed before "${step.title}" can go ahead`,
    );
}

/**
 * Order guards (shared/contract/step-order.ts, docs/runs.md "Order"): refuses a step held back by
 * a running wait in a live production run, asks for a reason elsewhere, and returns the event
 * recording that reason (none when nothing holds the step back).
 */
export function requireInOrder(
  live: LiveRun,
  step: StepState,
  reason: string | undefined,
  doing: string,
): EventDraft[] {
  const hold = stepHold(live.state.run, live.state.steps, step.key);
  if (hold === undefined) return [];
  const why = describeHold(hold, Date.now());
  if (hold.refused)
    throw new RpcError(
      'conflict',
      `${why}: in a live production run "${step.title}" waits until it ends or is cut short (with a reason)`,
    );
  if (reason === undefined)
    throw new RpcError(
      'conflict',
      `${why}: ${doing} "${step.title}" now needs a reason (params.outOfOrderReason)`,
      'params.outOfOrderReason',
    );
  return [
    draft('step.outOfOrder', live.state.run.operator, step.key, {
      reason,
      kind: hold.kind,
      heldBy: hold.blockers.map((blocker) => blocker.key),
    }),
  ];
}

/** Destructive steps of a live run in production need the environment's name typed. */
export function requireConfirmation(state: RunDetail, step: StepState, confirm: string | undefined): void {
  const { environment, mode } = state.run;
  if (!step.destructive || mode !== 'live' || environment.kind !== 'production') return;
  if (confirm?.trim() === environment.name.trim()) return;
  throw new RpcError(
    'conflict',
    `"${step.title}" is destructive and this is production: type the environment's name (${environment.name}) to confirm`,
    'params.confirm',
  );
}

/** The indices of the commands that are sent (run=true), in order. */
export function runnableIndices(step: StepState): number[] {
  return step.commands.flatMap((command, index) => (command.run ? [index] : []));
}

/** Kinds whose commands the engine sends itself. */
export function requireRunnable(step: StepState): number[] {
  if (step.kind === 'rolling')
    throw new RpcError('conflict', `"${step.title}" is a rolling step: start its next batch`);
  if (step.kind === 'instruction')
    throw new RpcError('conflict', `"${step.title}" is an instruction: mark it done`);
  if (step.kind === 'wait') throw new RpcError('conflict', `"${step.title}" is a wait: start the wait`);
  if (step.kind === 'gate') throw new RpcError('conflict', `"${step.title}" is a gate: sign it`);
  const indices = runnableIndices(step);
  if (indices.length === 0)
    throw new RpcError('conflict', `"${step.title}" has no command to run: mark it done with evidence`);
  return indices;
}

/** Whether markDone needs evidence: everything but instructions and checks that waive it. */
export function needsEvidence(step: StepState, spec: Step): boolean {
  if (step.kind === 'instruction') return false;
  if (step.kind === 'check' && runnableIndices(step).length === 0)
    return spec.manualCheck?.evidenceRequired ?? true;
  return true;
}

/** Commands that use a secret can only be sent while its value is in memory. */
export function requireSecretsFor(live: LiveRun, templates: readonly string[]): void {
  const missing = templates
    .flatMap((template) => referencedNames(template))
    .filter((name) => live.state.run.secretNames.includes(name) && !live.secrets.has(name));
  if (missing.length === 0) return;
  throw new RpcError(
    'conflict',
    `the secret ${[...new Set(missing)].join(', ')} is not in memory (the app restarted): supply it again first`,
  );
}

/** One command at a time per run terminal. */
export function requireIdle(live: LiveRun): void {
  if (live.sending === undefined) return;
  const busy = live.state.steps.find((step) => step.key === live.sending?.stepKey);
  throw new RpcError(
    'conflict',
    `"${busy?.title ?? live.sending.stepKey}" is running; wait for it to end or cancel it`,
  );
}

/** Waits and backups awaiting a record are running without a command: say what ends them. */
export function requireNotRunning(step: StepState, action: string): void {
  if (step.status !== 'running') return;
  const hint =
    step.kind === 'wait'
      ? 'cut the wait short (with a reason) instead'
      : step.kind === 'rolling'
        ? 'abort the rolling update first'
        : step.kind === 'backup'
          ? 'record what the backup produced, or cancel its command'
          : 'cancel its command first';
  throw new RpcError('conflict', `"${step.title}" is running: ${action} is refused; ${hint}`);
}

/** A backup whose commands all passed and that has no artefact yet is waiting for a record. */
export function awaitingBackupRecord(step: StepState): boolean {
  if (step.kind !== 'backup' || step.status !== 'running') return false;
  const attempt = step.attempts.at(-1);
  const runnable = runnableIndices(step).length;
  const done = attempt?.commands.filter(
    (command) => command.outcome === 'finished' && command.problems.length === 0,
  );
  return (
    attempt !== undefined &&
    (done?.length ?? 0) >= runnable &&
    attempt.commands.every((c) => c.outcome !== 'running')
  );
}
