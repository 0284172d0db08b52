import { RpcError, type ApprovalPlan, type RunDetail } from '../../../shared/contract/index';
import { signerIdentity } from '../../../shared/report/signer-principal';
import type { TrustedSigner } from '../signing/allowed-signers-file';
import { signerTrust } from '../signing/signer-trust';
import { verifySshSignature } from '../signing/sshsig-verify';
import type { ApprovalEventPayloads } from './approval-event-types';
import { approvalStatement } from './approval-files';
import { planDifferences, planSha256 } from './approval-plan';
import type { SignedApproval } from './approval-signing';

export interface ApprovalContext {
  state: RunDetail;
  /** The run's plan as it stands now. */
  plan: ApprovalPlan;
  /** The plan the approver saw (an imported approval carries it); absent when signed here, now. */
  approvedPlan?: ApprovalPlan;
  /** Fingerprint of this data folder's own Handrail key: the operator's, never an approver's. */
  ownKeyFingerprint: string;
  /** The workspace's trust file, or null when it has none. */
  trust: { path: string; signers: TrustedSigner[] } | null;
}

/**
 * Checks an approval against the run it is for, now (docs/approval.md), and returns the event
 * payload to log. Every refusal names what failed: a plan changed since the request, the
 * signature, the two-person rule, the key, the workspace's trust, the run's approval state.
 */
export function checkApproval(
  ctx: ApprovalContext,
  signed: SignedApproval,
): ApprovalEventPayloads['approval.granted'] {
  const { run } = ctx.state;
  const approval = run.approval;
  if (approval === undefined)
    throw new RpcError('conflict', `this ${run.environment.kind} run needs no approval`);
  if (signed.retrospective && approval.state !== 'emergency-review-pending')
    throw new RpcError(
      'conflict',
      `a review after the fact is for an emergency start whose review is pending; this run's approval is ${approval.state}`,
    );
  if (!signed.retrospective && approval.state !== 'awaiting')
    throw new RpcError('conflict', `the run does not await approval (it is ${approval.state})`);

  const now = planSha256(ctx.plan);
  if (signed.planSha256 !== now) {
    const differences = ctx.approvedPlan === undefined ? [] : planDifferences(ctx.approvedPlan, ctx.plan);
    throw new RpcError(
      'conflict',
      `the approval is for plan ${signed.planSha256.slice(0, 16)}…, but the run's plan is now ${now.slice(0, 16)}…` +
        (differences.length > 0 ? `: changed since the request: ${differences.join('; ')}` : '') +
        '; export a new request and have it approved again',
    );
  }
  if (ctx.approvedPlan !== undefined && planSha256(ctx.approvedPlan) !== signed.planSha256)
    throw new RpcError('conflict', "the approval file's plan does not hash to the hash it approves");

  const expected = approvalStatement({
    runId: run.id,
    planSha256: signed.planSha256,
    name: signed.name,
    role: signed.role,
    signedAt: signed.signedAt,
    retrospective: signed.retrospective,
  });
  if (signed.statement !== expected)
    throw new RpcError(
      'conflict',
      "the approval's signed statement does not match its run, plan, name, role or time",
    );
  const verified = verifySshSignature({ message: signed.statement, signature: signed.signature });
  if (!verified.valid)
    throw new RpcError('conflict', `the approval's signature does not verify: ${verified.problem}`);
  if (verified.signer.fingerprint !== signed.fingerprint)
    throw new RpcError(
      'conflict',
      `the approval was signed by ${verified.signer.fingerprint}, not the ${signed.fingerprint} it names`,
    );

  requireSecondPerson(ctx.state, signed.name, verified.signer.fingerprint, ctx.ownKeyFingerprint);

  const principal = signerIdentity(signed.name);
  if (ctx.trust !== null) {
    const judged = signerTrust(
      { name: signed.name, fingerprint: verified.signer.fingerprint },
      ctx.trust.signers,
    );
    if (judged.state !== 'trusted')
      throw new RpcError(
        'conflict',
        `the approver's key ${verified.signer.fingerprint} is not trusted for ${principal} by ${ctx.trust.path} (${trustProblem(judged)})`,
      );
  }
  return {
    name: signed.name,
    role: signed.role,
    principal,
    fingerprint: verified.signer.fingerprint,
    publicKey: verified.signer.publicKey,
    planSha256: signed.planSha256,
    statement: signed.statement,
    signature: signed.signature,
    signedAt: signed.signedAt,
    trust: ctx.trust === null ? 'not-judged' : 'trusted',
    trustFile: ctx.trust?.path ?? null,
    retrospective: signed.retrospective,
  };
}

/**
 * The two-person rule: whoever operated the run (by name or by principal) cannot approve it, and
 * neither can this data folder's own Handrail key, which signs the operator's sign-offs.
 */
export function requireSecondPerson(
  state: RunDetail,
  name: string,
  fingerprint: string | null,
  ownKey: string,
): void {
  const principal = signerIdentity(name);
  const operators = [state.run.operator, ...state.run.operators.map((entry) => entry.name)];
  const same = operators.find(
    (operator) =>
      operator.trim().toLowerCase() === name.trim().toLowerCase() || signerIdentity(operator) === principal,
  );
  if (same !== undefined)
    throw new RpcError(
      'conflict',
      `two-person rule: ${name} operates this run (as ${same}) and cannot approve it; a second person must`,
      'params.name',
    );
  if (fingerprint === ownKey)
    throw new RpcError(
      'conflict',
      `two-person rule: the approval is signed with this data folder's own Handrail key (${ownKey}), the operator's; the approver signs with their own key`,
      'params.key',
    );
}

function trustProblem(judged: ReturnType<typeof signerTrust>): string {
  switch (judged.state) {
    case 'unknown-key':
      return 'the key is not in the file';
    case 'other-principal':
      return `the key is trusted for ${judged.allowed.join(', ')} only`;
    case 'other-namespace':
      return `the key is trusted for the namespaces ${judged.namespaces.join(', ')} only`;
    default:
      return judged.state;
  }
}
