import { RpcError, type RunUpdate } from '../../../shared/contract/index';
import type { LiveRun, RunContext } from './run-context';
import { draft, type EventDraft, type SignoffRecord } from './run-event-types';
import {
  allowedFrom,
  requireActive,
  requireGatesPassed,
  requireInOrder,
  requireStatus,
  requireStep,
} from './run-rules';
import { maskSecrets } from './variables';

/**
 * Sign-offs in the run's own log (issue 19). A gate passes only with its signature: the signature
 * is made first (report-service.ts), then the gate's sign-off, the step's success, the sign-off
 * record and the signature's row are committed in one transaction, so a signing that fails leaves
 * the gate closed and a gate is never open without the signature that opened it.
 */

export interface GateSignoff {
  stepKey: string;
  name: string;
  role: string;
  outOfOrderReason?: string | undefined;
}

/**
 * Checks that the gate can be signed now, before anyone is asked to sign (a hardware key waits
 * for a touch); returns the events that record it as done out of order, when it is.
 */
export function gateOpening(live: LiveRun, gate: GateSignoff): EventDraft[] {
  requireActive(live.state, 'signing a gate');
  const { step } = requireStep(live, gate.stepKey);
  if (step.kind !== 'gate') throw new RpcError('conflict', `"${step.title}" is not a gate`);
  requireStatus(step, allowedFrom.signGate, 'signing it');
  requireGatesPassed(live.state, step);
  const reason =
    gate.outOfOrderReason === undefined
      ? undefined
      : maskSecrets(gate.outOfOrderReason, live.secrets.values());
  return requireInOrder(live, step, reason, 'signing');
}

/** Passes the gate with its signed sign-off; `storeSignature` writes the signature's row. */
export function passGate(
  ctx: RunContext,
  live: LiveRun,
  gate: GateSignoff,
  record: SignoffRecord,
  storeSignature: () => void,
): RunUpdate {
  // Checked again: the run may have moved on while the signer was asked.
  const order = gateOpening(live, gate);
  const operator = live.state.run.operator;
  return ctx.commit(
    live,
    [
      ...order,
      draft('gate.signed', operator, gate.stepKey, { name: gate.name, role: gate.role }),
      draft('step.succeeded', operator, gate.stepKey, { override: false }),
      draft('signoff.recorded', operator, gate.stepKey, record),
    ],
    storeSignature,
  );
}

/** Any other sign-off of a local run (final, review, countersign): allowed in any state. */
export function recordSignoff(
  ctx: RunContext,
  live: LiveRun,
  record: SignoffRecord,
  storeSignature: () => void,
): RunUpdate {
  return ctx.commit(live, [draft('signoff.recorded', live.state.run.operator, null, record)], storeSignature);
}
