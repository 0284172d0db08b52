import type { Handlers } from '../../../shared/rpc/server';
import type { ReportService } from '../report/report-service';

/** Sign-offs, exports, imports for review and verification (issue 7). */
export function reportHandlers(reports: ReportService): Handlers {
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
    'reports.sign': async (params) => signatureInfo(await reports.sign(params)),
    'reports.export': ({ runId, format }) => reports.export(runId, format),
    'reports.verify': ({ fileName, content }) => reports.verifyDocument(content, fileName),
    'reports.import': ({ fileName, content }) => reports.importBundle(content, fileName),
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
