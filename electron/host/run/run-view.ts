import type {
  Note,
  RunDetail,
  RunHeader,
  RunScreenOpen,
  RunOpen,
  StepDetail,
  StepPage,
  StepState,
  StepSummary,
} from '../../../shared/contract/index';
import { encodeStatuses, isHostStepKey, phaseSizesOf, RpcError } from '../../../shared/contract/index';
import type { LiveRun } from './run-context';

/** A step with its finished commands' outputs, for a run read without them (viewed-runs.ts). */
export type WithOutputs = (step: StepState) => StepState;
const asItIs: WithOutputs = (step) => step;

/**
 * What a run screen is sent (shared/contract/run-view.ts), projected from the engine's state,
 * which stays whole: reports, comparison, verification and replay read that, not this.
 */

/** Rows sent with the open around the current step: a few screens of the list either way. */
export const openWindow = 100;

/**
 * Opening a run: the layout of every step, the rows around the current step (or `around`), the
 * rolling and host steps (the grid draws every host), and the current and running steps in full.
 */
export function openView(
  live: LiveRun,
  run: RunHeader,
  around?: string,
  outputs: WithOutputs = asItIs,
): RunScreenOpen {
  const { steps, notes } = live.state;
  const centre = positionOf(live, around) ?? positionOf(live, run.currentStepKey ?? undefined) ?? 0;
  const pages = [pageAround(live, centre, openWindow)];
  const listed = runbookStepCount(steps);
  const window = pages[0]!;
  steps.forEach((step, index) => {
    const inWindow = index >= window.from && index < window.from + window.steps.length;
    if (step.rolling !== undefined && !inWindow) pages.push(pageOf(live, index, 1));
  });
  if (listed < steps.length) pages.push(pageOf(live, listed, steps.length - listed));
  return {
    run,
    statuses: encodeStatuses(steps),
    phaseSizes: phaseSizesOf(steps, run.phases.length),
    pages,
    details: fullSteps(live, run).map((step) => detailOf(live, step, outputs)),
    notes: notes.filter((item) => item.stepKey === null),
  };
}

export interface PageParams {
  from?: number | undefined;
  around?: string | undefined;
  count: number;
}

/** Rows of the list (`runs.steps`): `count` from `from`, or centred on the step `around`. */
export function pageView(live: LiveRun, { from, around, count }: PageParams): StepPage {
  if (around === undefined) return pageOf(live, from ?? 0, count);
  const centre = positionOf(live, around);
  if (centre === undefined)
    throw new RpcError('not_found', `run ${live.id} has no step ${around}`, 'params.around');
  return pageAround(live, centre, count);
}

/** The steps an open sends in full: the current one and every running one. */
function fullSteps(live: LiveRun, run: RunHeader): StepState[] {
  return live.state.steps.filter((step) => step.key === run.currentStepKey || step.status === 'running');
}

/** Every step's row, the current and running steps in full (`runs.get`, tools and tests). */
export function rowsView(live: LiveRun, run: RunHeader): RunOpen {
  const { steps, notes } = live.state;
  return {
    run,
    steps: steps.map(summaryOf),
    details: fullSteps(live, run).map((step) => detailOf(live, step)),
    notes: notes.filter((item) => item.stepKey === null),
  };
}

/** `count` rows from `from`, clipped to the run's steps. */
export function pageOf(live: LiveRun, from: number, count: number): StepPage {
  const steps = live.state.steps.slice(from, from + count);
  return {
    from: Math.min(from, live.state.steps.length),
    steps: steps.map(summaryOf),
    eventCount: eventCount(live),
  };
}

/** `count` runbook rows centred on position `centre` (host steps are the grid's, sent apart). */
export function pageAround(live: LiveRun, centre: number, count: number): StepPage {
  const listed = runbookStepCount(live.state.steps);
  const from = Math.max(0, Math.min(centre - Math.floor(count / 2), listed - count));
  return pageOf(live, from, Math.min(count, listed - from));
}

/** A step's position in the run's order, undefined for a key it does not have. */
export function positionOf(live: LiveRun, key: string | undefined): number | undefined {
  if (key === undefined) return undefined;
  const index = live.state.steps.findIndex((step) => step.key === key);
  return index === -1 ? undefined : index;
}

/** One step in full, as `runs.step` answers. */
export function stepView(live: LiveRun, stepKey: string, outputs: WithOutputs = asItIs): StepDetail {
  const step = live.state.steps.find((candidate) => candidate.key === stepKey);
  if (step === undefined)
    throw new RpcError('not_found', `run ${live.id} has no step ${stepKey}`, 'params.stepKey');
  return detailOf(live, step, outputs);
}

function detailOf(live: LiveRun, step: StepState, outputs: WithOutputs = asItIs): StepDetail {
  return {
    step: outputs(step),
    spec: live.steps.get(step.key) ?? null,
    notes: notesOf(live.state, step.key),
    index: live.state.steps.indexOf(step),
    eventCount: eventCount(live),
  };
}

function eventCount(live: LiveRun): number {
  return live.state.run.eventCount;
}

/** The runbook's steps come first; the host steps of rolling steps after them (step-layout.ts). */
function runbookStepCount(steps: readonly StepState[]): number {
  const firstHost = steps.findIndex((step) => isHostStepKey(step.key));
  return firstHost === -1 ? steps.length : firstHost;
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
