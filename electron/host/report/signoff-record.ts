import { createHash } from 'node:crypto';
import type { SignoffRecord } from '../run/run-event-types';
import type { StoredSignature } from './run-bundle';

/**
 * What a run's log keeps of one of its signatures (the `signoff.recorded` event, issue 19): who,
 * with which key, and digests of the exact payload and armoured signature stored beside the log.
 * The writer (report-service.ts) and the verifier (bundle-verify.ts) both derive it here, so a
 * signature matches its record by one rule.
 */
export function signoffRecordOf(signature: StoredSignature): SignoffRecord {
  return {
    kind: signature.kind,
    stepKey: signature.stepKey,
    name: signature.name,
    role: signature.role,
    signedAt: signature.at,
    fingerprint: signature.fingerprint,
    payloadSha256: sha256Hex(signature.payload),
    signatureSha256: sha256Hex(signature.signature),
  };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
