import type { CommandRecord, RunHeader, StepState } from '../../../shared/contract/index';
import type { Command } from '../../../shared/runbook/index';

interface PracticeCheckProps {
  run: RunHeader;
  step: StepState;
  /** The pinned revision's commands of this step (same order as the run's commands). */
  commands: readonly Command[] | undefined;
}

/**
 * For a trainee, after an attempt: did each command's result match what the runbook expects, and
 * what did the runbook expect (its exit code and patterns, and the output the guide shows)? The
 * expected output appears only once the command has run, so it is a check, not a crib.
 */
export function PracticeCheck({ run, step, commands }: PracticeCheckProps) {
  if (run.mode !== 'practice') return null;
  const attempt = step.attempts.at(-1);
  const judged = attempt?.commands.filter((record) => record.outcome !== 'running') ?? [];
  if (attempt === undefined || judged.length === 0) return null;
  return (
    <section className="practice-check" aria-label="Practice check" data-testid="practice-check">
      <h3>Practice check · attempt {attempt.number}</h3>
      {judged.map((record) => (
        <CommandCheck key={record.index} record={record} command={commands?.[record.index]} />
      ))}
    </section>
  );
}

function CommandCheck({ record, command }: { record: CommandRecord; command: Command | undefined }) {
  const matched = record.outcome === 'finished' && record.problems.length === 0;
  const expect = command?.expect;
  return (
    <div className="practice-result" data-testid="practice-result" data-matched={matched}>
      <p className={matched ? 'practice-match' : 'practice-miss'}>
        {matched
          ? '✓ Matched the runbook’s expectation'
          : record.outcome === 'unknown'
            ? '? Not judged: the command’s end was not seen'
            : '✗ Did not match the runbook’s expectation'}{' '}
        <code>{record.text}</code>
      </p>
      {record.problems.length > 0 && (
        <ul>
          {record.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <p className="muted" data-testid="expected-rules">
        Expected: exit code {expect?.exitCode ?? 0}
        {(expect?.outputMatches ?? []).map((pattern) => `; output matches /${pattern}/`).join('')}
        {(expect?.outputNotMatches ?? []).map((pattern) => `; output never matches /${pattern}/`).join('')}
      </p>
      {command?.expectedOutput !== undefined && (
        <>
          <h4>Expected output (from the runbook)</h4>
          <pre className="expected-output" data-testid="expected-output">
            {command.expectedOutput}
          </pre>
        </>
      )}
    </div>
  );
}
