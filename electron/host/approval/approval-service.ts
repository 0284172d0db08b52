import type { Database } from 'better-sqlite3';
import { RpcError, type ApprovalPlan, type Params, type RunApproval } from '../../../shared/contract/index';
import { signerIdentity } from '../../../shared/report/signer-principal';
import type { RunEngine } from '../run/run-engine';
import { draft } from '../run/run-event-types';
import { requireOpen } from '../run/run-rules';
import { maskSecrets } from '../run/variables';
import { loadOrCreateHandrailSigningKey } from '../signing/handrail-signing-key';
import { WorkspaceTrust } from '../trust/workspace-trust';
import { checkApproval, requireSecondPerson } from './approval-check';
import { fileName, readApprovalFile, requestFileText } from './approval-files';
import { signApprovalRequest, type ApprovalForRequest } from './approval-request-signing';
import { planOf, planSha256 } from './approval-plan';
import { ApprovalPolicy } from './approval-policy';
import { signApproval, type SignedApproval } from './approval-signing';

/**
 * Approval before change (docs/approval.md): the plan and its request file, approving here,
 * signing a request on the approver's own Handrail, importing their approval, and the emergency
 * start. Every approval is checked against the run as it is when it is recorded, in the same
 * synchronous step as the append, so nothing can change the plan between the check and the log.
 */
export class ApprovalService {
  readonly policy: ApprovalPolicy;

  constructor(
    private readonly db: Database,
    private readonly dataDir: string,
    private readonly engine: RunEngine,
  ) {
    this.policy = new ApprovalPolicy(db);
  }

  plan(runId: string): { plan: ApprovalPlan; planSha256: string; request: string; fileName: string } {
    const state = this.engine.get(runId);
    const plan = planOf(this.db, state);
    const retrospective = state.run.approval?.state === 'emergency-review-pending';
    return {
      plan,
      planSha256: planSha256(plan),
      request: requestFileText(plan, retrospective),
      fileName: fileName('approval-request', plan),
    };
  }

  /** A second person at this machine, with their own SSH key (never this folder's Handrail key). */
  async approveHere(params: Params<'approvals.approveHere'>): Promise<RunApproval> {
    if (params.key.kind === 'handrail')
      throw new RpcError(
        'conflict',
        "two-person rule: this data folder's Handrail key is the operator's; approve with your own SSH key, or from an exported request on your own Handrail",
        'params.key',
      );
    const { plan, planSha256: hash } = this.plan(params.runId);
    const state = this.engine.get(params.runId);
    // Before ssh-keygen is asked: an operator approving their own run is refused at once.
    requireSecondPerson(state, params.name, null, this.ownKey());
    const retrospective = state.run.approval?.state === 'emergency-review-pending';
    const signed = await signApproval(
      { runId: params.runId, planSha256: hash, name: params.name, role: params.role, retrospective },
      params.key,
      this.dataDir,
    );
    return this.record(params.runId, signed, plan);
  }

  /** On the approver's Handrail: the approval file for a request (approval-request-signing.ts). */
  signRequest(params: Params<'approvals.signRequest'>): Promise<ApprovalForRequest> {
    return signApprovalRequest(params, this.dataDir);
  }

  importApproval(params: Params<'approvals.import'>): RunApproval {
    const file = readApprovalFile(params.approval);
    if (file.plan.runId !== params.runId)
      throw new RpcError(
        'conflict',
        `this approval is for run ${file.plan.runId}, not ${params.runId}`,
        'params.approval',
      );
    return this.record(params.runId, { ...file, principal: signerIdentity(file.name) }, file.plan);
  }

  emergencyStart(params: Params<'approvals.emergencyStart'>): RunApproval {
    return this.engine.act(params.runId, (ctx, live) => {
      requireOpen(live.state);
      const approval = live.state.run.approval;
      if (approval?.state !== 'awaiting')
        throw new RpcError(
          'conflict',
          approval === undefined
            ? 'this run needs no approval'
            : `the run does not await approval (it is ${approval.state})`,
        );
      const reason = maskSecrets(params.reason, live.secrets.values());
      ctx.commit(live, [draft('approval.emergencyStarted', live.state.run.operator, null, { reason })]);
      return live.state.run.approval as RunApproval;
    });
  }

  private record(runId: string, signed: SignedApproval, approvedPlan: ApprovalPlan): RunApproval {
    return this.engine.act(runId, (ctx, live) => {
      if (!signed.retrospective) requireOpen(live.state);
      const payload = checkApproval(
        {
          state: live.state,
          plan: planOf(this.db, live.state),
          approvedPlan,
          ownKeyFingerprint: this.ownKey(),
          trust: new WorkspaceTrust(this.db).trustedSigners(),
        },
        signed,
      );
      ctx.commit(live, [draft('approval.granted', payload.name, null, payload)]);
      return live.state.run.approval as RunApproval;
    });
  }

  private ownKey(): string {
    return loadOrCreateHandrailSigningKey(this.dataDir).fingerprint;
  }
}
