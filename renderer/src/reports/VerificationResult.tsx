import type { DocumentVerification, SignatureTrust, TrustVerdict } from '../../../shared/contract/index';
import { VisibleText } from '../format/visible-text';
import { coverageNotes } from '../../../shared/report/coverage-notes';

/** One check as `handrail verify` prints it: whether it holds, what it says, and its problem. */
function CheckLine({ valid, text, problem }: { valid: boolean; text: string; problem: string | null }) {
  return (
    <li className={valid ? 'check-ok' : 'check-fail'} data-testid="check" data-valid={String(valid)}>
      <span className="check-mark">{valid ? 'ok' : 'FAIL'}</span> <VisibleText text={text} />
      {problem === null ? '' : ' — '}
      {problem !== null && <VisibleText text={problem} />}
    </li>
  );
}

/**
 * A signature's line: `ok` (green) only when it verifies and its key is trusted for its name;
 * FAIL when it does not verify or the key is unknown or trusted for someone else; `?` (amber) when
 * it verifies but no trust file judged its key. The key's fingerprint and the judgement's words
 * are those `handrail verify` prints.
 */
function SignatureLine({ signature }: { signature: DocumentVerification['signatures'][number] }) {
  const trust: SignatureTrust = signature.trust ?? {
    state: 'not-judged',
    principal: null,
    line: null,
    words: 'key not checked (this host does not judge keys)',
  };
  const state = !signature.valid
    ? 'fail'
    : trust.state === 'trusted'
      ? 'ok'
      : trust.state === 'not-judged'
        ? 'unjudged'
        : 'fail';
  const mark = { ok: 'ok', fail: 'FAIL', unjudged: '?' }[state];
  return (
    <li
      className={`check-${state} signature-check trust-${trust.state}`}
      data-testid="check"
      data-signature={signature.index}
      data-valid={String(state === 'ok')}
      data-trust={trust.state}
    >
      <span className="check-mark">{mark}</span> Signature {signature.index}:{' '}
      <strong>
        <VisibleText text={signature.name} />
      </strong>
      {signature.role === '' ? '' : ' ('}
      {signature.role !== '' && <VisibleText text={signature.role} />}
      {signature.role === '' ? '' : ')'}, {signature.kind}, {signature.at}, key{' '}
      <code data-testid="signature-fingerprint">{signature.fingerprint}</code>
      {signature.problem !== null && (
        <>
          {' — '}
          <VisibleText text={signature.problem} />
        </>
      )}
      <div className={`trust-words trust-words-${trust.state}`} data-testid="signature-trust">
        <VisibleText text={trust.words} />
      </div>
    </li>
  );
}

/** What an older host (no trust judgement) gives: never VALID, since no key was judged. */
function verdictOf(result: DocumentVerification): TrustVerdict {
  if (result.verdict !== undefined) return result.verdict;
  return result.valid
    ? { state: 'not-judged', words: 'CONSISTENT, but no key was judged', trustFile: null }
    : { state: 'invalid', words: 'INVALID: see the checks marked FAIL', trustFile: null };
}

const verdictClass = {
  valid: 'verdict-ok',
  'not-judged': 'verdict-unjudged',
  invalid: 'verdict-fail',
  unsigned: 'verdict-fail',
  untrusted: 'verdict-fail',
} as const satisfies Record<TrustVerdict['state'], string>;

/**
 * Every check of a verified report or bundle, each signature's key judged by the workspace's
 * allowed_signers file, then the verdict in the words `handrail verify` prints.
 */
export function VerificationResult({ result }: { result: DocumentVerification }) {
  const verdict = verdictOf(result);
  return (
    <section className="verification" aria-label="Verification">
      <p className="muted">
        Run {result.runId} ({result.format})
        {verdict.trustFile === null ? (
          ', no allowed_signers file: keys not judged'
        ) : (
          <>
            , keys judged by <code data-testid="verdict-trust-file">{verdict.trustFile}</code>
          </>
        )}
      </p>
      <ul className="check-list">
        <CheckLine
          valid={result.chain.valid}
          text={`Event log: ${result.chain.events} events, head ${result.chain.headHash}`}
          problem={result.chain.problem}
        />
        <CheckLine
          valid={result.state.valid}
          text="Run state matches its log"
          problem={result.state.problem}
        />
        {result.format !== 'bundle' && (
          <CheckLine
            valid={result.document.valid}
            text="Report matches its record"
            problem={result.document.problem}
          />
        )}
        {result.signatures.map((signature) => (
          <SignatureLine key={signature.index} signature={signature} />
        ))}
      </ul>
      {result.signatures.length === 0 && <p className="warn">No signatures.</p>}
      {coverageNotes(result).map((note) => (
        <p key={note} className="warn" data-testid="coverage-note">
          <VisibleText text={note} />
        </p>
      ))}
      <p className={verdictClass[verdict.state]} data-testid="verdict" data-state={verdict.state}>
        <VisibleText text={verdict.words} />
      </p>
    </section>
  );
}
