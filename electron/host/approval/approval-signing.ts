import { RpcError } from '../../../shared/contract/index';
import { signerIdentity } from '../../../shared/report/signer-principal';
import { loadOrCreateHandrailSigningKey } from '../signing/handrail-signing-key';
import { SshKeygenSignError, signWithSshKeygen } from '../signing/ssh-keygen-signer';
import { verifySshSignature } from '../signing/sshsig-verify';
import { approvalStatement } from './approval-files';

export type ApprovalKey = { kind: 'handrail' } | { kind: 'ssh'; keyPath: string };

export interface SignedApproval {
  name: string;
  role: string;
  principal: string;
  statement: string;
  signature: string;
  publicKey: string;
  fingerprint: string;
  signedAt: string;
  planSha256: string;
  retrospective: boolean;
}

/**
 * Signs an approval statement (approval-files.ts) with the approver's SSH key through ssh-keygen,
 * or with the Handrail key of the data folder given (the approver's own Handrail).
 */
export async function signApproval(
  what: { runId: string; planSha256: string; name: string; role: string; retrospective: boolean },
  key: ApprovalKey,
  dataDir: string,
): Promise<SignedApproval> {
  const signedAt = new Date().toISOString();
  const statement = approvalStatement({ ...what, signedAt });
  let signature: string;
  try {
    signature =
      key.kind === 'handrail'
        ? loadOrCreateHandrailSigningKey(dataDir).sign(statement)
        : (await signWithSshKeygen({ keyPath: key.keyPath, message: statement })).signature;
  } catch (error) {
    if (error instanceof SshKeygenSignError)
      throw new RpcError('conflict', error.message, 'params.key.keyPath');
    throw error;
  }
  const checked = verifySshSignature({ message: statement, signature });
  if (!checked.valid)
    throw new RpcError('conflict', `the approval's signature does not verify: ${checked.problem}`);
  return {
    ...what,
    principal: signerIdentity(what.name),
    statement,
    signature,
    publicKey: checked.signer.publicKey,
    fingerprint: checked.signer.fingerprint,
    signedAt,
  };
}
