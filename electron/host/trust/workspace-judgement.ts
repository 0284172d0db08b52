import type { DocumentVerification } from '../../../shared/contract/index';
import { judgeVerification, type JudgedVerification, type NoTrustWording } from './trust-verdict';
import type { WorkspaceTrust } from './workspace-trust';

const appWording: NoTrustWording = {
  keyNotChecked: 'key not checked (no allowed_signers file set for this workspace)',
  advice:
    "Set this workspace's allowed_signers file, your own team's file (never one taken from this document), to check who signed",
};

/**
 * A verified document judged by the workspace's trust file as it reads now (`reports.verify`,
 * `reports.import`). A trust file that went bad is an error naming file and line: nothing is
 * judged by half a file.
 */
export function judgeByWorkspace(trust: WorkspaceTrust, result: DocumentVerification): JudgedVerification {
  return judgeVerification(result, trust.trustedSigners() ?? undefined, appWording);
}
