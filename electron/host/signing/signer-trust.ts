import { signatureNamespace, signerIdentity } from '../../../shared/report/signer-principal';
import type { TrustedSigner } from './allowed-signers-file';

/** What the reader's allowed_signers file says of one signature's key and the name it signed as. */
export type SignerTrust =
  | { state: 'trusted'; principal: string; line: number }
  | { state: 'unknown-key' }
  /** The key is trusted, but not for the name the signature carries (someone signing as another). */
  | { state: 'other-principal'; principal: string; allowed: string[] }
  | { state: 'other-namespace'; namespaces: string[] };

/**
 * Judges a signature by the reader's trust, never by the key the document carries (issue 19):
 * the key must be in the reader's file, allowed in Handrail's namespace, for the principal of
 * the name it signed as (`signerIdentity`, the same principal the sign-off dialog hands out).
 */
export function signerTrust(
  signer: { name: string; fingerprint: string },
  trusted: readonly TrustedSigner[],
): SignerTrust {
  const principal = signerIdentity(signer.name);
  const entries = trusted.filter((entry) => entry.fingerprint === signer.fingerprint);
  if (entries.length === 0) return { state: 'unknown-key' };
  const inNamespace = entries.filter(
    (entry) =>
      entry.namespaces === null || entry.namespaces.some((pattern) => matches(pattern, signatureNamespace)),
  );
  if (inNamespace.length === 0)
    return { state: 'other-namespace', namespaces: entries.flatMap((entry) => entry.namespaces ?? []) };
  const match = inNamespace.find((entry) => entry.principals.some((pattern) => matches(pattern, principal)));
  if (match !== undefined) return { state: 'trusted', principal, line: match.line };
  return { state: 'other-principal', principal, allowed: inNamespace.flatMap((entry) => entry.principals) };
}

/** OpenSSH's pattern rule for principals and namespaces: `*` any run, `?` one character. */
function matches(pattern: string, text: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'u').test(text);
}
