import {
  hostStepKey,
  parseHostStepKey,
  type RollingState,
  type RunDetail,
  type RunEvent,
  type StepState,
} from '../../../shared/contract/index';
import { nothingRecorded } from './run-initial-state';
import type { EventPayloads, PlannedSubStep } from './run-event-types';
import { substitute } from './variables';

/**
 * How the rolling events change a run's state (the rest of the fold is run-reducer.ts). Each
 * host × sub-step becomes a step of the run, keyed `<step>@<host>/<sub-step>`, appended after
 * the runbook's steps in plan order (host by host).
 */

type StepAt = (key: string) => StepState | undefined;
type RollingApplier<T extends keyof EventPayloads> = (
  state: RunDetail,
  event: RunEvent,
  payload: EventPayloads[T],
  step: StepState | undefined,
) => void;

export const rollingAppliers: {
  [
    T in
      | 'rolling.planned'
      | 'rolling.batchStarted'
      | 'rolling.batchFinished'
      | 'rolling.hostSkipped'
      | 'rolling.aborted'
  ]: RollingApplier<T>;
} = {
  'rolling.planned': (state, _event, payload, step) => {
    if (step === undefined) return;
    const { hosts, subSteps, ...plan } = payload;
    step.rolling = {
      ...plan,
      hosts,
      subSteps: subSteps.map(({ id, title, kind, drains, restores }) => ({
        id,
        title,
        kind,
        drains,
        restores,
      })),
      currentBatch: null,
      finishedBatches: 0,
      skippedHosts: {},
      outOfService: [],
      abortReason: null,
    };
    for (const host of hosts) {
      for (const sub of subSteps) state.steps.push(hostStep(step, sub, host.name, state.run.variables));
    }
  },
  'rolling.batchStarted': (_state, _event, payload, step) => {
    if (step?.rolling !== undefined) step.rolling.currentBatch = payload.batch;
  },
  'rolling.batchFinished': (_state, _event, payload, step) => {
    if (step?.rolling === undefined) return;
    step.rolling.currentBatch = null;
    step.rolling.finishedBatches = payload.batch + 1;
  },
  'rolling.hostSkipped': (_state, _event, payload, step) => {
    if (step?.rolling !== undefined) step.rolling.skippedHosts[payload.host] = payload.reason;
  },
  'rolling.aborted': (_state, _event, payload, step) => {
    if (step?.rolling !== undefined) step.rolling.abortReason = payload.reason;
  },
};

function hostStep(
  rolling: StepState,
  sub: PlannedSubStep,
  host: string,
  variables: Record<string, string>,
): StepState {
  return {
    key: hostStepKey(rolling.key, host, sub.id),
    phaseIndex: rolling.phaseIndex,
    title: `${sub.title} · ${host}`,
    kind: sub.kind,
    destructive: sub.destructive,
    optional: sub.optional,
    status: 'pending',
    attempts: [],
    commands: sub.commands.map((command) => {
      // The host is part of the template, so variable changes and edits keep it.
      const template = substitute(command.text, { host });
      return { text: substitute(template, variables), run: command.run, edited: false, template };
    }),
    ...nothingRecorded(),
  };
}

/**
 * A host is out of service from the start (or a hand-marked pass) of its draining sub-step until
 * its restoring sub-step has passed; without such marks, from its first sub-step to its last.
 */
export function trackService(event: RunEvent, peek: StepAt, stepAt: StepAt): void {
  if (event.type !== 'step.started' && event.type !== 'step.succeeded') return;
  const parts = event.stepKey === null ? undefined : parseHostStepKey(event.stepKey);
  const seen = parts === undefined ? undefined : peek(parts.stepKey)?.rolling;
  if (parts === undefined || seen === undefined) return;
  const { drainsAt, restoresAt } = serviceBounds(seen);
  const index = seen.subSteps.findIndex((sub) => sub.id === parts.subStepId);
  const drains = index === drainsAt;
  const restores = index === restoresAt && event.type === 'step.succeeded';
  if (!drains && !restores) return;
  // Only now is the rolling step copied (copy on write): most host events leave it as it is.
  const rolling = stepAt(parts.stepKey)?.rolling;
  if (rolling === undefined) return;
  const out = new Set(rolling.outOfService);
  if (drains) out.add(parts.host);
  if (restores) out.delete(parts.host);
  rolling.outOfService = rolling.hosts.map((host) => host.name).filter((name) => out.has(name));
}

export function serviceBounds(rolling: Pick<RollingState, 'subSteps'>): {
  drainsAt: number;
  restoresAt: number;
} {
  const drains = rolling.subSteps.findIndex((sub) => sub.drains);
  const restores = rolling.subSteps.findIndex((sub) => sub.restores);
  return {
    drainsAt: drains === -1 ? 0 : drains,
    restoresAt: restores === -1 ? rolling.subSteps.length - 1 : restores,
  };
}
