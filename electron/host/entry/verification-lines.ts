import type { DocumentVerification } from '../../../shared/contract/index';
import type { TrustedSigner } from '../signing/allowed-signers-file';
import { signerTrust, type SignerTrust } from '../signing/signer-trust';

/** What `handrail verify` prints (one line per check, then the verdict) and the exit code it ends with. */
export interface VerificationVerdict {
  lines: string[];
  /** 0 VALID; 1 INVALID, UNSIGNED or a key not trusted; 2 consistent, but no trust file to judge keys by. */
  exitCode: 0 | 1 | 2;
}

/**
 * The lines hold text from the file (names, roles, problems): the caller prints them through
 * terminalSafeLine. `trusted`: the reader's allowed_signers file; undefined when none was given,
 * and then no verdict says VALID (issue 19: a signature proves nothing until it is checked
 * against a key the reader already trusts, and the document's own key is not such a key).
 */
export function describeVerification(
  result: DocumentVerification,
  trusted?: readonly TrustedSigner[],
): VerificationVerdict {
  const mark = (valid: boolean): string => (valid ? 'ok  ' : 'FAIL');
  const lines = [
    `run ${result.runId} (${result.format})`,
    `${mark(result.chain.valid)} event log: ${result.chain.events} events, head ${result.chain.headHash}${result.chain.problem === null ? '' : ` — ${result.chain.problem}`}`,
    `${mark(result.state.valid)} run state matches its log${result.state.problem === null ? '' : ` — ${result.state.problem}`}`,
  ];
  if (result.format !== 'bundle')
    lines.push(
      `${mark(result.document.valid)} report matches its record${result.document.problem === null ? '' : ` — ${result.document.problem}`}`,
    );
  if (result.signatures.length === 0) lines.push('FAIL no signatures');
  let allTrusted = true;
  for (const signature of result.signatures) {
    const trust = trusted === undefined ? undefined : signerTrust(signature, trusted);
    if (trust !== undefined && trust.state !== 'trusted') allTrusted = false;
    lines.push(
      `${mark(signature.valid && (trust === undefined || trust.state === 'trusted'))} signature ${signature.index}: ${signature.name}${signature.role === '' ? '' : ` (${signature.role})`}, ${signature.kind}, ${signature.at}, key ${signature.fingerprint}${signature.problem === null ? '' : ` — ${signature.problem}`} — ${trustWords(trust, signature.fingerprint)}`,
    );
  }
  const verdict = verdictOf(result, trusted, allTrusted);
  return { lines: [...lines, verdict.line], exitCode: verdict.exitCode };
}

function trustWords(trust: SignerTrust | undefined, fingerprint: string): string {
  if (trust === undefined) return 'key not checked (no --allowed-signers file)';
  switch (trust.state) {
    case 'trusted':
      return `trusted (${trust.principal}, allowed-signers line ${trust.line})`;
    case 'unknown-key':
      return `UNKNOWN KEY ${fingerprint}: not in your allowed-signers file`;
    case 'other-principal':
      return `UNTRUSTED: the key is trusted as ${trust.allowed.join(', ')}, not as ${trust.principal}`;
    case 'other-namespace':
      return `UNTRUSTED: the key is trusted for namespaces ${trust.namespaces.join(', ')}, not handrail`;
  }
}

function verdictOf(
  result: DocumentVerification,
  trusted: readonly TrustedSigner[] | undefined,
  allTrusted: boolean,
): { line: string; exitCode: 0 | 1 | 2 } {
  if (!result.valid) return { line: 'INVALID: see the lines marked FAIL', exitCode: 1 };
  if (result.signatures.length === 0)
    return { line: 'UNSIGNED: the record is consistent, but no signature covers it', exitCode: 1 };
  if (trusted === undefined) {
    const keys = [...new Set(result.signatures.map((signature) => signature.fingerprint))].join(', ');
    return {
      line: `CONSISTENT, signed by untrusted keys: ${keys}. Pass --allowed-signers FILE, your own team's file (never one taken from this document), to check who signed`,
      exitCode: 2,
    };
  }
  if (!allTrusted)
    return {
      line: 'INVALID: a signature is by a key your allowed-signers file does not trust for that name',
      exitCode: 1,
    };
  return {
    line: 'VALID: nothing was changed after signing, and every signature is by a key you trust',
    exitCode: 0,
  };
}
