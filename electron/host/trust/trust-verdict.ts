import type { DocumentVerification, SignatureTrust, TrustVerdict } from '../../../shared/contract/index';
import type { TrustedSigner } from '../signing/allowed-signers-file';
import { signerTrust, type SignerTrust } from '../signing/signer-trust';

/**
 * What to say where no trust file was given: the CLI names its option, the app its setting. Only
 * this differs between them; every judgement and verdict word is made here (issue 19).
 */
export interface NoTrustWording {
  /** Said of a signature whose key nobody judged, e.g. "key not checked (no --allowed-signers file)". */
  keyNotChecked: string;
  /** Appended to the not-judged verdict: how to give a trust file. */
  advice: string;
}

/** The reader's trust: their file's path and keys, or undefined when they gave none. */
export interface ReaderTrust {
  /** null where the caller has the keys only (the file named elsewhere). */
  path: string | null;
  signers: readonly TrustedSigner[];
}

/** A verified document with every signature judged and the verdict given. */
export type JudgedVerification = Omit<DocumentVerification, 'signatures' | 'verdict'> & {
  signatures: (DocumentVerification['signatures'][number] & { trust: SignatureTrust })[];
  verdict: TrustVerdict;
};

/**
 * A verified document judged by the reader's trust, never by the key the document carries: each
 * signature gets its key's judgement, and the document the one verdict. VALID only when every
 * check holds, something is signed, and every key is trusted for the name it signed as; without a
 * trust file a consistent document is "CONSISTENT, signed by untrusted keys", never VALID.
 * Applied after verification, so verifying stays the document's own business (report/).
 */
export function judgeVerification(
  result: DocumentVerification,
  trust: ReaderTrust | undefined,
  wording: NoTrustWording,
): JudgedVerification {
  const signatures = result.signatures.map((signature) => ({
    ...signature,
    trust: judgeSigner(signature, trust, wording),
  }));
  const allTrusted = signatures.every((signature) => signature.trust.state === 'trusted');
  return {
    ...result,
    signatures,
    verdict: { ...verdictOf(result, trust, allTrusted, wording), trustFile: trust?.path ?? null },
  };
}

/** One signer's key and name judged by the reader's trust, in the words the verdict lines use. */
export function judgeSigner(
  signature: { name: string; fingerprint: string },
  reader: ReaderTrust | undefined,
  wording: NoTrustWording,
): SignatureTrust {
  const trust: SignerTrust | undefined =
    reader === undefined ? undefined : signerTrust(signature, reader.signers);
  if (trust === undefined)
    return { state: 'not-judged', principal: null, line: null, words: wording.keyNotChecked };
  switch (trust.state) {
    case 'trusted':
      return {
        state: 'trusted',
        principal: trust.principal,
        line: trust.line,
        words: `trusted (${trust.principal}, allowed-signers line ${trust.line})`,
      };
    case 'unknown-key':
      return {
        state: 'unknown-key',
        principal: null,
        line: null,
        words: `UNKNOWN KEY ${signature.fingerprint}: not in your allowed-signers file`,
      };
    case 'other-principal':
      return {
        state: 'other-principal',
        principal: trust.principal,
        line: null,
        words: `UNTRUSTED: the key is trusted as ${trust.allowed.join(', ')}, not as ${trust.principal}`,
      };
    case 'other-namespace':
      return {
        state: 'other-namespace',
        principal: null,
        line: null,
        words: `UNTRUSTED: the key is trusted for namespaces ${trust.namespaces.join(', ')}, not handrail`,
      };
  }
}

function verdictOf(
  result: DocumentVerification,
  trust: ReaderTrust | undefined,
  allTrusted: boolean,
  wording: NoTrustWording,
): Omit<TrustVerdict, 'trustFile'> {
  if (!result.valid) return { state: 'invalid', words: 'INVALID: see the lines marked FAIL' };
  if (result.signatures.length === 0)
    return { state: 'unsigned', words: 'UNSIGNED: the record is consistent, but no signature covers it' };
  if (trust === undefined) {
    const keys = [...new Set(result.signatures.map((signature) => signature.fingerprint))].join(', ');
    return { state: 'not-judged', words: `CONSISTENT, signed by untrusted keys: ${keys}. ${wording.advice}` };
  }
  if (!allTrusted)
    return {
      state: 'untrusted',
      words: 'INVALID: a signature is by a key your allowed-signers file does not trust for that name',
    };
  return {
    state: 'valid',
    words: 'VALID: nothing was changed after signing, and every signature is by a key you trust',
  };
}

/** `handrail verify`'s exit code for a verdict: 0 VALID, 2 not judged, 1 anything else. */
export function verdictExitCode(verdict: TrustVerdict): 0 | 1 | 2 {
  if (verdict.state === 'valid') return 0;
  return verdict.state === 'not-judged' ? 2 : 1;
}
