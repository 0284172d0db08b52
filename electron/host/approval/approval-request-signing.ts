import { RpcError } from '../../../shared/contract/index';
import { signerIdentity } from '../../../shared/report/signer-principal';
import { approvalFileText, fileName, readRequestFile } from './approval-files';
import { signApproval, type ApprovalKey } from './approval-signing';

export interface ApprovalForRequest {
  /** The approval file's text, to send back to the operator. */
  approval: string;
  fileName: string;
  planSha256: string;
}

/**
 * The approver's side of an exported request, on their own Handrail (`approvals.signRequest`) or
 * on the command line (`handrail approve`): the request is checked (its plan must hash to the
 * hash it states), the operator named in it cannot approve, and the statement is signed with the
 * approver's key. The operator's Handrail checks it all again when the approval is imported.
 */
export async function signApprovalRequest(
  input: { request: string; name: string; role: string; key: ApprovalKey },
  dataDir: string,
): Promise<ApprovalForRequest> {
  const request = readRequestFile(input.request);
  const operator = request.plan.operator;
  if (
    operator.trim().toLowerCase() === input.name.trim().toLowerCase() ||
    signerIdentity(operator) === signerIdentity(input.name)
  )
    throw new RpcError(
      'conflict',
      `two-person rule: ${input.name} operates this run and cannot approve it`,
      'params.name',
    );
  const signed = await signApproval(
    {
      runId: request.plan.runId,
      planSha256: request.planSha256,
      name: input.name,
      role: input.role,
      retrospective: request.retrospective,
    },
    input.key,
    dataDir,
  );
  const text = approvalFileText({
    format: 'handrail-approval/1',
    plan: request.plan,
    planSha256: signed.planSha256,
    name: signed.name,
    role: signed.role,
    statement: signed.statement,
    signature: signed.signature,
    publicKey: signed.publicKey,
    fingerprint: signed.fingerprint,
    signedAt: signed.signedAt,
    retrospective: signed.retrospective,
  });
  return { approval: text, fileName: fileName('approval', request.plan), planSha256: signed.planSha256 };
}
