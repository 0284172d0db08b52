import { RpcError, type RunDetail } from '../../../shared/contract/index';

/**
 * Nothing that changes a host runs before approval (docs/approval.md): every step action is
 * refused, naming why and what to do, while the run's plan awaits a second person's signature.
 * An emergency start opens the run as an approval would (and is marked as such everywhere).
 */
export function requireApproved(state: RunDetail, what: string): void {
  const approval = state.run.approval;
  if (approval?.state !== 'awaiting') return;
  throw new RpcError(
    'conflict',
    `the run awaits approval: ${approval.requiredBecause}. ${capitalised(what)} is refused until a second ` +
      'person approves the plan (approve here, or export the request and import their approval), ' +
      'or the run is started as an emergency with a reason',
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
