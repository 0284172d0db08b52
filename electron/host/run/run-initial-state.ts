import {
  isHostStepKey,
  type RunDetail,
  type RunEvent,
  type StepState,
  type StepStatus,
} from '../../../shared/contract/index';
import type { Runbook, Step } from '../../../shared/runbook/index';
import { stepSeconds } from './estimates';
import type { EventPayloads } from './run-event-types';
import { substitute } from './variables';

export const stepStatusList: readonly StepStatus[] = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'unknown',
];

/**
 * A run's state right after run.created: every step of the pinned revision pending, its commands
 * filled in with the values the event records (secret ones are the mask already).
 */
export function initialState(runbook: Runbook, runId: string, created: RunEvent): RunDetail {
  const payload = created.payload as EventPayloads['run.created'];
  const steps = runbook.phases.flatMap((phase, phaseIndex) =>
    phase.steps.map((step) => initialStep(step, phaseIndex, payload.variables)),
  );
  const state: RunDetail = {
    run: {
      id: runId,
      runbookId: payload.runbookId,
      revision: payload.revision,
      runbookTitle: payload.runbookTitle,
      environment: payload.environment,
      mode: payload.mode,
      operator: payload.operator,
      operators: [{ name: payload.operator, from: created.at }],
      status: 'active',
      createdAt: created.at,
      endedAt: null,
      pausedAt: null,
      pausedSeconds: 0,
      phases: runbook.phases.map((phase) => ({
        title: phase.title,
        window: phase.window,
        estimatedSeconds: phase.steps.reduce((sum, step) => sum + stepSeconds(step), 0),
      })),
      variables: { ...payload.variables },
      secretNames: [...payload.secretNames],
      secretsAvailable: true,
      terminalId: null,
      counts: countSteps(steps),
      currentStepKey: steps[0]?.key ?? null,
      eventCount: created.seq + 1,
      headHash: created.hash,
    },
    steps,
    notes: [],
  };
  return state;
}

function initialStep(step: Step, phaseIndex: number, variables: Record<string, string>): StepState {
  return {
    key: step.id,
    phaseIndex,
    title: step.title,
    kind: step.kind,
    destructive: step.destructive,
    optional: step.optional,
    status: 'pending',
    attempts: [],
    commands: step.commands.map((command) => ({
      text: substitute(command.text, variables),
      run: command.run,
      edited: false,
      template: command.text,
    })),
    ...nothingRecorded(),
  };
}

/** The runbook's steps by status; a rolling step's host steps count in it, not here. */
export function countSteps(steps: readonly StepState[]): Record<StepStatus, number> {
  const counts = Object.fromEntries(stepStatusList.map((status) => [status, 0])) as Record<
    StepStatus,
    number
  >;
  for (const step of steps) if (!isHostStepKey(step.key)) counts[step.status] += 1;
  return counts;
}

/** The first runbook step not finished (succeeded, failed or skipped). */
export function currentStepKey(steps: readonly StepState[]): string | null {
  return (
    steps.find(
      (step) =>
        (step.status === 'pending' || step.status === 'running' || step.status === 'unknown') &&
        !isHostStepKey(step.key),
    )?.key ?? null
  );
}

/** What a step that nothing has happened to yet records: no reason, evidence, wait or time. */
export function nothingRecorded(): Pick<
  StepState,
  | 'skipReason'
  | 'failReason'
  | 'unknownReason'
  | 'evidence'
  | 'backups'
  | 'wait'
  | 'signoff'
  | 'noteCount'
  | 'startedAt'
  | 'endedAt'
> {
  return {
    skipReason: null,
    failReason: null,
    unknownReason: null,
    evidence: [],
    backups: [],
    wait: null,
    signoff: null,
    noteCount: 0,
    startedAt: null,
    endedAt: null,
  };
}
