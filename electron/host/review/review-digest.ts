import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';
import type { ReviewEntry, ReviewVerdict } from '../../../shared/contract/index';

/**
 * What a review sign-off signs about the review: how many entries it covers (the first N, in
 * order), their SHA-256 over canonical JSON, and the verdict then in force. Entries are
 * append-only, so later comments leave an earlier signature valid, while a changed, removed or
 * reordered entry among the first N no longer hashes the same. The sequence numbers are left out
 * of the hash: they are this database's numbering, and an imported copy may number them anew.
 */
export interface ReviewDigest {
  entries: number;
  sha256: string;
  verdict: ReviewVerdict | null;
}

export function reviewDigest(entries: readonly ReviewEntry[], count = entries.length): ReviewDigest {
  const covered = entries.slice(0, count);
  const content = covered.map(({ seq: _seq, ...rest }) => rest);
  return {
    entries: covered.length,
    sha256: createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex'),
    verdict: latestAssessment(covered)?.verdict ?? null,
  };
}

export function latestAssessment(entries: readonly ReviewEntry[]): ReviewEntry | undefined {
  return entries.findLast((entry) => entry.kind === 'assessment');
}

/** Why the review a payload signs is not the one in the file (null when it is). */
export function reviewDigestProblem(
  signed: ReviewDigest | undefined,
  entries: readonly ReviewEntry[],
): string | null {
  if (signed === undefined) return 'a review sign-off without the review it signs';
  if (entries.length < signed.entries)
    return `it signs ${signed.entries} review entries; this file has ${entries.length}`;
  const actual = reviewDigest(entries, signed.entries);
  if (actual.sha256 !== signed.sha256) return 'the review it signs was changed after it was signed';
  return null;
}
