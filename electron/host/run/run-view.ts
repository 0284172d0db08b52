import type {
  Note,
  RunDetail,
  RunHeader,
  RunOpen,
  StepDetail,
  StepState,
  StepSummary,
} from '../../../shared/contract/index';
import { RpcError } from '../../../shared/contract/index';
import type { LiveRun } from './run-context';

/**
 * What a run screen is sent (shared/contract/run-view.ts), projected from the engine's state,
 * which stays whole: reports, comparison, verification and replay read that, not this.
 */

/** Opening a run: every step as its row shows it; the current and the running steps in full. */
export function openView(live: LiveRun, run: RunHeader): RunOpen {
  const { steps, notes } = live.state;
  const full = steps.filter((step) => step.key === run.currentStepKey || step.status === 'running');
  return {
    run,
    steps: steps.map(summaryOf),
    details: full.map((step) => detailOf(live, step)),
    notes: notes.filter((item) => item.stepKey === null),
  };
}

/** One step in full, as `runs.step` answers. */
export function stepView(live: LiveRun, stepKey: string): StepDetail {
  const step = live.state.steps.find((candidate) => candidate.key === stepKey);
  if (step === undefined)
    throw new RpcError('not_found', `run ${live.id} has no step ${stepKey}`, 'params.stepKey');
  return detailOf(live, step);
}

function detailOf(live: LiveRun, step: StepState): StepDetail {
  return {
    step,
    spec: live.steps.get(step.key) ?? null,
    notes: notesOf(live.state, step.key),
    eventCount: live.state.run.eventCount,
  };
}

function notesOf(state: RunDetail, stepKey: string): Note[] {
  return state.notes.filter((item) => item.stepKey === stepKey);
}

/** A step's row: defaults are left out (a 5,000-step list is sent on every open). */
export function summaryOf(step: StepState): StepSummary {
  const summary: StepSummary = {
    key: step.key,
    phaseIndex: step.phaseIndex,
    title: step.title,
    kind: step.kind,
    status: step.status,
  };
  if (step.destructive) summary.destructive = true;
  if (step.optional) summary.optional = true;
  if (step.noteCount > 0) summary.noteCount = step.noteCount;
  if (step.startedAt !== null) summary.startedAt = step.startedAt;
  if (step.endedAt !== null) summary.endedAt = step.endedAt;
  const exitCode = step.attempts.at(-1)?.commands.at(-1)?.exitCode;
  if (exitCode !== undefined && exitCode !== null) summary.exitCode = exitCode;
  if (step.failReason !== null) summary.failReason = step.failReason;
  if (step.skipReason !== null) summary.skipReason = step.skipReason;
  if (step.unknownReason !== null) summary.unknownReason = step.unknownReason;
  if (step.wait !== null) summary.wait = step.wait;
  if (step.rolling !== undefined) summary.rolling = step.rolling;
  return summary;
}
