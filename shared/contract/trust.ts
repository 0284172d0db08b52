import { z } from 'zod';
import { method, noParams } from './define';

/**
 * Whose signatures the workspace trusts (issue 19): the path of the team's OpenSSH
 * allowed_signers file, kept per data folder like git's gpg.ssh.allowedSignersFile, and the
 * judgement of each signature against it. The words (`words`) are the ones `handrail verify`
 * prints, made by one host module (electron/host/trust/trust-verdict.ts), so the app and the CLI
 * cannot say different things of the same file.
 */

/** One signature's key and name against the reader's file. */
export const signatureTrust = z.object({
  state: z.enum(['trusted', 'unknown-key', 'other-principal', 'other-namespace', 'not-judged']),
  /** The principal the signature's name stands for (`ada.lovelace@handrail`); null when not judged. */
  principal: z.string().nullable(),
  /** The allowed_signers line that trusts it (1-based), for `trusted`. */
  line: z.number().int().positive().nullable(),
  words: z.string(),
});
export type SignatureTrust = z.infer<typeof signatureTrust>;

/**
 * The one verdict: `valid` only when every check holds, there is a signature, and every key is
 * trusted for the name it signed as. `not-judged`: consistent, but no trust file to judge by.
 */
export const trustVerdict = z.object({
  state: z.enum(['valid', 'invalid', 'unsigned', 'untrusted', 'not-judged']),
  words: z.string(),
  /** The allowed_signers file judged against; null when there was none. */
  trustFile: z.string().nullable(),
});
export type TrustVerdict = z.infer<typeof trustVerdict>;

/** The workspace's trust file as it reads now. */
export const trustSetting = z.object({
  path: z.string().nullable(),
  /** How many keys the file lists; null when unset or unreadable. */
  keys: z.number().int().nonnegative().nullable(),
  /** Why the file cannot be used now (file and line), or null. */
  problem: z.string().nullable(),
});
export type TrustSetting = z.infer<typeof trustSetting>;

export const trustMethods = {
  'trust.get': method(noParams, trustSetting),
  /**
   * The keys of a run's stored signatures (as `reports.signatures` lists them, in that order)
   * judged by the trust file now: an imported run's signers, a countersign made here.
   */
  'trust.signatures': method(
    z.strictObject({ runId: z.string().min(1).max(200) }),
    z.object({ trustFile: z.string().nullable(), signatures: z.array(signatureTrust) }),
  ),
  /** Sets (a full path, read and parsed first; a bad line is refused naming it) or clears (null). */
  'trust.set': method(z.strictObject({ path: z.string().trim().min(1).max(4096).nullable() }), trustSetting),
};
