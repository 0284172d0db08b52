import type { Handlers } from '../../../shared/rpc/server';
import type { ApprovalService } from '../approval/approval-service';

/** Approval before change (docs/approval.md): each approval is in the run's log before it is answered. */
export function approvalHandlers(approvals: ApprovalService): Handlers {
  return {
    'approvals.plan': ({ runId }) => approvals.plan(runId),
    'approvals.approveHere': (params) => approvals.approveHere(params),
    'approvals.signRequest': (params) => approvals.signRequest(params),
    'approvals.import': (params) => approvals.importApproval(params),
    'approvals.emergencyStart': (params) => approvals.emergencyStart(params),
    'approvals.policy': () => ({ requiredFor: approvals.policy.requiredFor() }),
    'approvals.setPolicy': ({ requiredFor }) => ({
      requiredFor: approvals.policy.setRequiredFor(requiredFor),
    }),
  };
}
