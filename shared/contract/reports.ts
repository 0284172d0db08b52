import { z } from 'zod';
import { method, noParams } from './define';
import { holdsDisplayControls } from '../text/display-controls';
import { personName, reason, runDetail, runId, stepKey } from './runs';
import { signatureTrust, trustVerdict } from './trust';

/**
 * Sign-offs, report exports and verification (issue 7). Signatures are OpenSSH SSH signatures
 * (namespace `handrail`) over a canonical JSON statement that includes the head of the run's
 * hash-chained event log; `handrail verify` and `ssh-keygen -Y verify` both check them.
 */

export const signingKeyChoice = z.discriminatedUnion('kind', [
  /** The Ed25519 key Handrail keeps in the data folder (made on first use). */
  z.strictObject({ kind: z.literal('handrail') }),
  /** The operator's own key through `ssh-keygen -Y sign` (a .pub file works when an agent holds it). */
  z.strictObject({ kind: z.literal('ssh'), keyPath: z.string().min(1).max(4096) }),
]);
export type SigningKeyChoice = z.infer<typeof signingKeyChoice>;

/** `review`: a mentor's review sign-off; its payload carries a hash of the review's entries. */
export const signoffKind = z.enum(['gate', 'final', 'countersign', 'review']);

export const signatureInfo = z.object({
  kind: signoffKind,
  stepKey: z.string().nullable(),
  name: z.string(),
  role: z.string(),
  at: z.string(),
  identity: z.string(),
  fingerprint: z.string(),
});
export type SignatureInfo = z.infer<typeof signatureInfo>;

export const signatureCheck = z.object({
  index: z.number().int().positive(),
  kind: z.string(),
  name: z.string(),
  role: z.string(),
  at: z.string(),
  fingerprint: z.string(),
  valid: z.boolean(),
  problem: z.string().nullable(),
  /** The key judged against the workspace's allowed_signers file (issue 19); absent from older hosts. */
  trust: signatureTrust.optional(),
});

const check = z.object({ valid: z.boolean(), problem: z.string().nullable() });

export const documentVerification = z.object({
  valid: z.boolean(),
  format: z.string(),
  runId: z.string(),
  chain: check.extend({
    events: z.number().int().nonnegative(),
    headHash: z.string(),
    firstBadSeq: z.number().int().nullable(),
  }),
  /** The run shown equals the run rebuilt from its log. */
  state: check,
  /** A report shows exactly what its embedded record renders to. */
  document: check,
  signatures: z.array(signatureCheck),
  /**
   * How far the good signatures reach: the log's first `signedEvents` events are under one, and
   * these events after them are under none (the records of the last sign-offs left out). A
   * signed record cut short ends where its last signature does, so this is what tells it.
   */
  coverage: z
    .object({
      signedEvents: z.number().int().nonnegative(),
      unsignedAfter: z.array(z.object({ seq: z.number().int(), type: z.string() })),
      finalSignoff: z.boolean(),
    })
    .optional(),
  /** The verdict with trust applied, in `handrail verify`'s words: only `valid` is VALID. */
  verdict: trustVerdict.optional(),
});
export type DocumentVerification = z.infer<typeof documentVerification>;

/**
 * What the report lists as a departure from the runbook (same model as the report's section),
 * derived from the event log by one rule (`electron/host/report/deviations.ts`): a step the run
 * left skipped, failed or of unknown outcome; a host skipped; and every override however the run
 * ended: marked done by hand (after a failure, an unknown outcome, or instead of its commands),
 * retried after an unknown outcome, a command edited (old and new text), a wait cut short, a
 * variable changed.
 */
export const deviationKinds = [
  'skipped',
  'host-skipped',
  'failed',
  'unknown',
  'edited',
  'override',
  'retried-after-unknown',
  'wait-cut',
  'out-of-order',
  'variable-changed',
  /** Terminal output that could not be recorded (a full disk): the transcript has a hole there. */
  'transcript-gap',
] as const;
export const deviation = z.object({
  stepKey: z.string().nullable(),
  stepTitle: z.string(),
  kind: z.enum(deviationKinds),
  at: z.string().nullable(),
  detail: z.string(),
});
export type Deviation = z.infer<typeof deviation>;

/** A run as a signer or reviewer reads it before signing: local or imported, never changed here. */
export const runReview = z.object({
  detail: runDetail,
  imported: z.boolean(),
  deviations: z.array(deviation),
  signatures: z.array(signatureInfo),
});
export type RunReview = z.infer<typeof runReview>;

export const exportFormat = z.enum(['html', 'pdf', 'markdown', 'json', 'bundle']);
export type ExportFormat = z.infer<typeof exportFormat>;

export const exportedFile = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
});
export type ExportedFile = z.infer<typeof exportedFile>;

/** 200 MB: a bundle of a long run with full transcripts; more is not a report. */
const documentText = z
  .string()
  .min(1)
  .max(200 * 1024 * 1024);
const fileName = z.string().trim().min(1).max(255);

export const reportMethods = {
  /**
   * Handrail's own signing key (made on first use). Its allowed-signers line depends on who signs:
   * shared/report/signer-principal.ts makes it from the signer's name and this public key.
   */
  'reports.signingKey': method(noParams, z.object({ publicKey: z.string(), fingerprint: z.string() })),
  'reports.signatures': method(z.strictObject({ runId }), z.array(signatureInfo)),
  /** A local or imported run with its deviations and signatures: the sign-off summary, the review. */
  'reports.review': method(z.strictObject({ runId }), runReview),
  /**
   * Signs the run (or an imported run) now. `gate` is how a gate passes: once the signature is
   * made, the gate's sign-off, its success and the signature are committed together (a gate held
   * by the order rules takes `outOfOrderReason`); `final` needs the run finished or aborted;
   * `countersign` is a reviewer's; `review` needs an assessment (reviews.assess) and signs the
   * review's entries with the run. A local run's gate and final sign-offs are also events in its log.
   */
  'reports.sign': method(
    z.strictObject({
      runId,
      kind: signoffKind,
      stepKey: stepKey.optional(),
      name: personName,
      role: z
        .string()
        .trim()
        .max(120)
        .refine(
          (value) => !holdsDisplayControls(value),
          'a role may not hold control characters or bidirectional formatting characters',
        )
        .default(''),
      key: signingKeyChoice,
      outOfOrderReason: reason.optional(),
    }),
    signatureInfo,
  ),
  'reports.export': method(z.strictObject({ runId, format: exportFormat }), exportedFile),
  'reports.verify': method(z.strictObject({ fileName, content: documentText }), documentVerification),
  /** Verifies an exported bundle or report and keeps it here to review and countersign. */
  'reports.import': method(
    z.strictObject({ fileName, content: documentText }),
    z.object({ runId: z.string(), title: z.string(), verification: documentVerification }),
  ),
  'reports.imported': method(
    noParams,
    z.array(z.object({ runId: z.string(), title: z.string(), importedAt: z.string() })),
  ),
};

export const reportEvents = {};
