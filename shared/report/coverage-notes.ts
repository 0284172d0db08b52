import type { DocumentVerification } from '../contract/index';

/**
 * Where the signed part of the log ends. A good verdict says nothing changed after signing; what
 * was added after the last signature (legitimately: the steps after a gate; or a record cut short
 * and carried on) is signed by no one, and the reader should know which events those are.
 */
export function coverageNotes(result: DocumentVerification): string[] {
  const coverage = result.coverage;
  if (coverage === undefined || result.signatures.length === 0) return [];
  const notes: string[] = [];
  const after = coverage.unsignedAfter;
  if (after.length > 0) {
    const types = [...new Set(after.map((event) => event.type))];
    notes.push(
      `NOTE events ${after[0]!.seq}–${after.at(-1)!.seq} (${types.slice(0, 6).join(', ')}${types.length > 6 ? ', …' : ''}) come after the last signature: no one signed them`,
    );
  }
  if (!coverage.finalSignoff) notes.push('NOTE no final sign-off: no one signed the run as finished');
  return notes;
}
