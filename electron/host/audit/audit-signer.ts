import type { SigningKeyChoice } from '../../../shared/contract/index';
import { allowedSignerLine, signerIdentity } from '../../../shared/report/signer-principal';
import type { HandrailSigningKey } from '../signing/handrail-signing-key';
import { signWithSshKeygen, SshKeygenSignError } from '../signing/ssh-keygen-signer';

/** A detached SSH signature over a file's bytes, and what a reader needs to check it. */
export interface DetachedSignature {
  /** Armoured SSHSIG text (PROTOCOL.sshsig), namespace `handrail`: the `.sig` file. */
  signature: string;
  publicKey: string;
  fingerprint: string;
  /** The name signed as, and its principal (`-I` of `ssh-keygen -Y verify`). */
  signer: string;
  principal: string;
  /** The allowed_signers line for this key and principal, for the signer to hand to auditors. */
  allowedSignersLine: string;
}

export class AuditSignError extends Error {
  override name = 'AuditSignError';
}

/**
 * Signs exported bytes with Handrail's own key (the data folder's, which says which installation
 * signed) or the operator's SSH key through `ssh-keygen -Y sign` (agent and hardware keys work),
 * the same two keys a sign-off may use. The principal comes from the signer's name by the rule
 * sign-offs use (shared/report/signer-principal.ts), so one allowed_signers line serves both.
 */
export async function signDetached(
  bytes: Uint8Array,
  signer: string,
  key: SigningKeyChoice,
  handrailKey: () => HandrailSigningKey,
): Promise<DetachedSignature> {
  const principal = signerIdentity(signer);
  const signed = await signWith(bytes, key, handrailKey);
  return {
    ...signed,
    signer,
    principal,
    allowedSignersLine: allowedSignerLine(principal, signed.publicKey),
  };
}

async function signWith(
  bytes: Uint8Array,
  key: SigningKeyChoice,
  handrailKey: () => HandrailSigningKey,
): Promise<{ signature: string; publicKey: string; fingerprint: string }> {
  if (key.kind === 'handrail') {
    const own = handrailKey();
    return { signature: own.sign(bytes), publicKey: own.publicKey, fingerprint: own.fingerprint };
  }
  try {
    const result = await signWithSshKeygen({ keyPath: key.keyPath, message: bytes });
    if (result.signer === undefined)
      throw new AuditSignError(`${key.keyPath}: Handrail cannot check signatures of this key type`);
    return {
      signature: result.signature,
      publicKey: result.signer.publicKey,
      fingerprint: result.signer.fingerprint,
    };
  } catch (error) {
    if (error instanceof SshKeygenSignError) throw new AuditSignError(error.message);
    throw error;
  }
}
