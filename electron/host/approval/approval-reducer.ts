import type { RunDetail, RunEvent, StepState } from '../../../shared/contract/index';
import type { ApprovalEventPayloads } from './approval-event-types';

type Applier<T extends keyof ApprovalEventPayloads> = (
  state: RunDetail,
  event: RunEvent,
  payload: ApprovalEventPayloads[T],
  step: StepState | undefined,
) => void;

/**
 * How the approval events change a run's header (the rest of the fold is run-reducer.ts). Runs
 * without `approval.required` keep no `approval` field, so older logs fold as they did.
 */
export const approvalAppliers: { [T in keyof ApprovalEventPayloads]: Applier<T> } = {
  'approval.required': (state, _event, payload) => {
    state.run.approval = {
      state: 'awaiting',
      requiredBecause: `${payload.kind} runs need a second person's approval (workspace policy: ${payload.requiredFor.join(', ')})`,
      approval: null,
      emergency: null,
      retrospective: null,
    };
  },
  'approval.granted': (state, event, payload) => {
    const approval = state.run.approval;
    if (approval === undefined) return;
    const record = { ...payload, recordedAt: event.at };
    if (payload.retrospective) {
      approval.retrospective = record;
      approval.state = 'emergency-reviewed';
    } else {
      approval.approval = record;
      approval.state = 'approved';
    }
  },
  'approval.withdrawn': (state, event, payload) => {
    const approval = state.run.approval;
    if (approval === undefined || approval.approval === null) return;
    approval.withdrawn = [
      ...(approval.withdrawn ?? []),
      { at: event.at, reason: payload.reason, approval: approval.approval },
    ];
    approval.approval = null;
    approval.state = 'awaiting';
  },
  'approval.emergencyStarted': (state, event, payload) => {
    const approval = state.run.approval;
    if (approval === undefined) return;
    approval.emergency = { by: event.actor, at: event.at, reason: payload.reason };
    approval.state = 'emergency-review-pending';
  },
};
