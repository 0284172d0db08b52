import { checkSshKeySignature } from './ssh-key-signature';
import { parseSshPublicKey, parseSshPublicKeyLine, sshFingerprint, sshPublicKeyLine } from './ssh-public-key';
import {
  decodeSshsig,
  dearmourSshsig,
  handrailNamespace,
  isSshsigHashAlgorithm,
  sshsigSignedData,
} from './sshsig';
import { SshFormatError } from './ssh-wire';

/**
 * Verification of an armoured SSH signature in pure Node, with the checks `ssh-keygen -Y verify`
 * makes on the signature itself: magic, version, namespace, hash algorithm, key and signature.
 * Whether the signer is trusted is the caller's question: pass `expectedSigner` to require a key.
 */

export interface SshSigner {
  keyType: string;
  /** `type base64`, as in a .pub file or an allowed_signers line. */
  publicKey: string;
  /** `SHA256:...` as `ssh-keygen -l` prints it. */
  fingerprint: string;
}

export type SshSignatureVerification =
  | {
      valid: true;
      signer: SshSigner;
      namespace: string;
      hashAlgorithm: string;
      signatureAlgorithm: string;
      /** Security keys only: whether the key was touched when it signed. */
      userPresent?: boolean;
    }
  /** `signer` is who the signature claims to be from, when that much could be read. */
  | { valid: false; problem: string; signer?: SshSigner };

export interface VerifyOptions {
  /** The exact signed bytes (a string is taken as its UTF-8 bytes). */
  message: Uint8Array | string;
  /** The armoured `-----BEGIN SSH SIGNATURE-----` text. */
  signature: string;
  /** Defaults to `handrail`. */
  namespace?: string;
  /** A public key line (`ssh-ed25519 AAAA...`) or fingerprint (`SHA256:...`) the signer must match. */
  expectedSigner?: string;
}

/**
 * Never throws for a bad signature or message: every problem is `valid: false` with a reason.
 * Throws SshFormatError only when `expectedSigner` itself is not a key or fingerprint.
 */
export function verifySshSignature(options: VerifyOptions): SshSignatureVerification {
  const expected = options.expectedSigner === undefined ? undefined : fingerprintOf(options.expectedSigner);
  let signer: SshSigner | undefined;
  try {
    const blob = decodeSshsig(dearmourSshsig(options.signature));
    const key = parseSshPublicKey(blob.publicKey);
    signer = {
      keyType: key.type,
      publicKey: sshPublicKeyLine(key),
      fingerprint: sshFingerprint(blob.publicKey),
    };
    const namespace = options.namespace ?? handrailNamespace;
    if (blob.namespace !== namespace)
      return invalid(`made for namespace "${blob.namespace}", not "${namespace}"`, signer);
    if (!isSshsigHashAlgorithm(blob.hashAlgorithm))
      return invalid(`hash algorithm "${blob.hashAlgorithm}" is not sha512 or sha256`, signer);
    if (expected !== undefined && expected !== signer.fingerprint)
      return invalid(`signed by ${signer.fingerprint}, not by the expected key ${expected}`, signer);
    const message =
      typeof options.message === 'string' ? new TextEncoder().encode(options.message) : options.message;
    const signed = sshsigSignedData(blob.namespace, blob.hashAlgorithm, message);
    const check = checkSshKeySignature(key, blob.signature, signed);
    if (!check.valid) return invalid('the signature does not match the signed data and key', signer);
    const verified = {
      valid: true as const,
      signer,
      namespace: blob.namespace,
      hashAlgorithm: blob.hashAlgorithm,
      signatureAlgorithm: check.algorithm,
    };
    // Reported, not enforced: ssh-keygen -Y verify (OpenSSH 9.2) accepts untouched signatures too.
    return check.userPresent === undefined ? verified : { ...verified, userPresent: check.userPresent };
  } catch (error) {
    // The signature is untrusted input: a key node:crypto refuses is a bad signature, not a crash.
    const reason = error instanceof SshFormatError ? error.message : `unusable signature: ${String(error)}`;
    return invalid(reason, signer);
  }
}

function invalid(problem: string, signer: SshSigner | undefined): SshSignatureVerification {
  return signer === undefined ? { valid: false, problem } : { valid: false, problem, signer };
}

function fingerprintOf(expected: string): string {
  const trimmed = expected.trim();
  if (/^SHA256:[A-Za-z0-9+/]{43}$/.test(trimmed)) return trimmed;
  return sshFingerprint(parseSshPublicKeyLine(trimmed).blob);
}
