import type { DocumentVerification, SignatureTrust } from '../../../shared/contract/index';
import {
  judgeSigner,
  judgeVerification,
  type JudgedVerification,
  type NoTrustWording,
} from './trust-verdict';
import type { WorkspaceTrust } from './workspace-trust';

const appWording: NoTrustWording = {
  keyNotChecked: 'key not checked (no allowed_signers file set for this workspace)',
  advice:
    "Set this workspace's allowed_signers file, your own team's file (never one taken from this document), to check who signed",
};

/**
 * Judgements by the workspace's trust file, for `reports.verify`, `reports.import` and a run's
 * stored signatures, with the app's wording where no file is set.
 *
 * A verified document judged by the workspace's trust file as it reads now (`reports.verify`,
 * `reports.import`). A trust file that went bad is an error naming file and line: nothing is
 * judged by half a file.
 */
export function judgeByWorkspace(trust: WorkspaceTrust, result: DocumentVerification): JudgedVerification {
  return judgeVerification(result, trust.trustedSigners() ?? undefined, appWording);
}

/** Signers (a run's stored signatures) judged by the workspace's trust file as it reads now. */
export function judgeSignersByWorkspace(
  trust: WorkspaceTrust,
  signers: readonly { name: string; fingerprint: string }[],
): { trustFile: string | null; signatures: SignatureTrust[] } {
  const reader = trust.trustedSigners() ?? undefined;
  return {
    trustFile: reader?.path ?? null,
    signatures: signers.map((signer) => judgeSigner(signer, reader, appWording)),
  };
}
