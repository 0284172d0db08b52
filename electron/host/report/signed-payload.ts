import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';
import type { RunDetail } from '../../../shared/contract/index';
import type { ReviewDigest } from '../review/review-digest';

/**
 * What a sign-off signs: who states what about which run, and the head of the run's hash-chained
 * event log at that moment. The head commits to every event before it (each hash covers the one
 * before), so the signature covers the whole record up to the sign-off without repeating it.
 */
export const signoffFormat = 'handrail-signoff/1';

export interface SignoffStatement {
  kind: 'gate' | 'final' | 'countersign' | 'review';
  stepKey: string | null;
  name: string;
  role: string;
  at: string;
}

export interface SignedPayload {
  format: typeof signoffFormat;
  runId: string;
  runbook: { id: string; revision: number; title: string; sourceSha256: string };
  environment: { name: string; kind: string };
  mode: string;
  status: string;
  eventCount: number;
  headHash: string;
  counts: Record<string, number>;
  statement: SignoffStatement;
  /** A review sign-off only: the review entries it covers (absent otherwise, so older payloads are unchanged). */
  review?: ReviewDigest;
}

export function signedPayload(
  detail: RunDetail,
  runbookSource: string,
  statement: SignoffStatement,
  review?: ReviewDigest,
): string {
  const { run } = detail;
  const payload: SignedPayload = {
    format: signoffFormat,
    runId: run.id,
    runbook: {
      id: run.runbookId,
      revision: run.revision,
      title: run.runbookTitle,
      sourceSha256: createHash('sha256').update(runbookSource, 'utf8').digest('hex'),
    },
    environment: { name: run.environment.name, kind: run.environment.kind },
    mode: run.mode,
    status: run.status,
    eventCount: run.eventCount,
    headHash: run.headHash,
    counts: run.counts,
    statement,
    ...(review === undefined ? {} : { review }),
  };
  return canonicalJson(payload);
}
