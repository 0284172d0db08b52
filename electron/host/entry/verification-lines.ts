import type { DocumentVerification } from '../../../shared/contract/index';
import type { TrustedSigner } from '../signing/allowed-signers-file';
import { coverageNotes } from '../../../shared/report/coverage-notes';
import { judgeVerification, verdictExitCode, type NoTrustWording } from '../trust/trust-verdict';

/** What `handrail verify` prints (one line per check, then the verdict) and the exit code it ends with. */
export interface VerificationVerdict {
  lines: string[];
  /** 0 VALID; 1 INVALID, UNSIGNED or a key not trusted; 2 consistent, but no trust file to judge keys by. */
  exitCode: 0 | 1 | 2;
}

const cliWording: NoTrustWording = {
  keyNotChecked: 'key not checked (no --allowed-signers file)',
  advice:
    "Pass --allowed-signers FILE, your own team's file (never one taken from this document), to check who signed",
};

/**
 * The lines hold text from the file (names, roles, problems): the caller prints them through
 * terminalSafeLine. `trusted`: the reader's allowed_signers file; undefined when none was given,
 * and then no verdict says VALID (issue 19: a signature proves nothing until it is checked
 * against a key the reader already trusts, and the document's own key is not such a key). The
 * judgement and its words are trust/trust-verdict.ts's, the same the app shows.
 */
export function describeVerification(
  result: DocumentVerification,
  trusted?: readonly TrustedSigner[],
  trustFile: string | null = null,
): VerificationVerdict {
  const judged = judgeVerification(
    result,
    trusted === undefined ? undefined : { path: trustFile, signers: trusted },
    cliWording,
  );
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
  for (const signature of judged.signatures) {
    const keyHolds = signature.trust.state === 'trusted' || signature.trust.state === 'not-judged';
    lines.push(
      `${mark(signature.valid && keyHolds)} signature ${signature.index}: ${signature.name}${signature.role === '' ? '' : ` (${signature.role})`}, ${signature.kind}, ${signature.at}, key ${signature.fingerprint}${signature.problem === null ? '' : ` — ${signature.problem}`} — ${signature.trust.words}`,
    );
  }
  lines.push(...coverageNotes(result));
  return { lines: [...lines, judged.verdict.words], exitCode: verdictExitCode(judged.verdict) };
}
