/**
 * What makes a report checkable: each signature with the exact bytes it signed (the canonical
 * JSON of the run record at the time of signing, including the event log's head hash), the
 * signer's allowed-signers line, and the `ssh-keygen -Y verify` command that checks it with
 * nothing but OpenSSH.
 */
export interface SealedSignature {
  name: string;
  role: string;
  kind: string;
  at: string;
  stepKey: string | null;
  fingerprint: string;
  /** The signed payload, base64 (the canonical JSON is UTF-8). */
  payloadBase64: string;
  /** SHA-256 (hex) of the payload's bytes: the recipe checks it, Markdown markers carry it. */
  payloadSha256: string;
  /** `-----BEGIN SSH SIGNATURE-----` … */
  armored: string;
  /**
   * `identity namespaces="handrail" ssh-ed25519 AAAA…`: the key as the report names it, for the
   * reader to compare with their own allowed_signers file, never to verify with.
   */
  allowedSigner: string;
  identity: string;
}

export interface ReportSeal {
  signatures: SealedSignature[];
  /** How to check the report, in words. */
  instructions: string;
  /** The shell commands that check signature N of this file with ssh-keygen. */
  verifyCommands: string[];
}
