import { z } from 'zod';
import { reviewEntry, runDetail, runEvent } from '../../../shared/contract/index';

/**
 * A run as one file, for review on another machine: the pinned runbook revision (so the state
 * can be rebuilt from the log there), the whole event log, the state as the exporting host
 * derived it, and every signature with the exact bytes it signed. Reports (HTML, JSON) embed the
 * same bundle, so `handrail verify` checks them the same way.
 */
export const bundleFormat = 'handrail-bundle/1';

export const storedSignature = z.object({
  kind: z.enum(['gate', 'final', 'countersign', 'review']),
  stepKey: z.string().nullable(),
  name: z.string(),
  role: z.string(),
  at: z.string(),
  identity: z.string(),
  publicKey: z.string(),
  fingerprint: z.string(),
  /** The canonical JSON that was signed. */
  payload: z.string(),
  /** Armoured SSH signature over the payload's UTF-8 bytes, namespace `handrail`. */
  signature: z.string(),
});
export type StoredSignature = z.infer<typeof storedSignature>;

export const runBundle = z.object({
  format: z.literal(bundleFormat),
  exportedAt: z.string(),
  runbook: z.object({
    id: z.string(),
    revision: z.number().int().positive(),
    title: z.string(),
    source: z.string(),
  }),
  run: runDetail,
  events: z.array(runEvent),
  signatures: z.array(storedSignature),
  /** The mentor review's entries (issue 9), in order; absent when nobody reviewed the run. */
  review: z.array(reviewEntry).optional(),
});
export type RunBundle = z.infer<typeof runBundle>;

/** Parses a bundle's text; a bad file names the field that is wrong. */
export function parseBundle(text: string, where = 'bundle'): RunBundle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BundleError(`${where}: not JSON (${(error as Error).message})`);
  }
  const parsed = runBundle.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length === 0 ? '' : `.${issue.path.join('.')}`;
    throw new BundleError(`${where}${path}: ${issue.message}`);
  }
  return parsed.data;
}

export class BundleError extends Error {
  override name = 'BundleError';
}
