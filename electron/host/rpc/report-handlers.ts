import { throwIfCancelled, type Handlers } from '../../../shared/rpc/server';
import type { ReportService } from '../report/report-service';
import type { RunbookReader } from '../runbook-reader/runbook-reader';
import type { DocumentVerification } from '../../../shared/contract/index';

/**
 * Sign-offs, exports, imports for review and verification (issue 7). A document to verify holds
 * a runbook, which is parsed to rebuild the run's state: that happens in the runbook reader's
 * worker, with its limits.
 */
export function reportHandlers(
  reports: ReportService,
  reader: RunbookReader,
  /** Applies the reader's trust (the workspace's allowed_signers file) to a verified document. */
  judge: (verification: DocumentVerification) => DocumentVerification,
): Handlers {
  return {
    'reports.signingKey': () => {
      const key = reports.handrailKey();
      return { publicKey: key.publicKey, fingerprint: key.fingerprint };
    },
    'reports.signatures': ({ runId }) => reports.signaturesOf(runId).map(signatureInfo),
    'reports.review': ({ runId }) => {
      const review = reports.review(runId);
      return { ...review, signatures: review.signatures.map(signatureInfo) };
    },
    'reports.sign': async (params, { signal }) => signatureInfo(await reports.sign(params, signal)),
    'reports.export': ({ runId, format }) => reports.export(runId, format),
    'reports.verify': async ({ fileName, content }, { signal }) =>
      judge(await reader.verifyDocument(content, fileName, signal)),
    'reports.import': async ({ fileName, content }, { signal }) => {
      // Judged before anything is kept: a trust file that cannot be read stops the import, named.
      const verification = judge(await reader.verifyDocument(content, fileName, signal));
      throwIfCancelled(signal);
      return reports.importBundle(content, fileName, verification);
    },
    'reports.imported': () => reports.importedRuns(),
  };
}

function signatureInfo(signature: ReturnType<ReportService['signaturesOf']>[number]) {
  return {
    kind: signature.kind,
    stepKey: signature.stepKey,
    name: signature.name,
    role: signature.role,
    at: signature.at,
    identity: signature.identity,
    fingerprint: signature.fingerprint,
  };
}
