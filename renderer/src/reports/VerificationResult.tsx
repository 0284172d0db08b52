import type { DocumentVerification } from '../../../shared/contract/index';

/** One check as `handrail verify` prints it: whether it holds, what it says, and its problem. */
function CheckLine({ valid, text, problem }: { valid: boolean; text: string; problem: string | null }) {
  return (
    <li className={valid ? 'check-ok' : 'check-fail'} data-testid="check" data-valid={String(valid)}>
      <span className="check-mark">{valid ? 'ok' : 'FAIL'}</span> {text}
      {problem === null ? '' : ` — ${problem}`}
    </li>
  );
}

/** Every check of a verified report or bundle, then the verdict: the facts `handrail verify` prints. */
export function VerificationResult({ result }: { result: DocumentVerification }) {
  return (
    <section className="verification" aria-label="Verification">
      <p className="muted">
        Run {result.runId} ({result.format})
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
          <CheckLine
            key={signature.index}
            valid={signature.valid}
            text={`Signature ${signature.index}: ${signature.name}${signature.role === '' ? '' : ` (${signature.role})`}, ${signature.kind}, ${signature.at}, key ${signature.fingerprint}`}
            problem={signature.problem}
          />
        ))}
      </ul>
      {result.signatures.length === 0 && <p className="warn">No signatures.</p>}
      <p className={result.valid ? 'verdict-ok' : 'verdict-fail'} data-testid="verdict">
        {result.valid ? 'VALID: nothing was changed after signing' : 'INVALID: see the checks marked FAIL'}
      </p>
    </section>
  );
}
