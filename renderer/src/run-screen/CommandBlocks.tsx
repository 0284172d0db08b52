import type { StepState } from '../../../shared/contract/index';

/** The step's commands as they will be sent: variables filled in, secrets masked, edits applied. */
export function CommandBlocks({ step, onEdit }: { step: StepState; onEdit?: (index: number) => void }) {
  if (step.commands.length === 0) return null;
  return (
    <section className="step-commands" aria-label="Commands">
      {step.commands.map((command, index) => (
        <figure key={index} className="command" data-testid="step-command">
          <figcaption className="muted">
            {command.run ? 'sent to the terminal' : 'shown, not run'}
            {command.edited && <span className="badge">edited during the run</span>}
            {onEdit !== undefined && (
              <button type="button" className="small" onClick={() => onEdit(index)}>
                Edit command
              </button>
            )}
          </figcaption>
          <pre>
            <code>{command.text}</code>
          </pre>
        </figure>
      ))}
    </section>
  );
}

/** What the last attempt's commands did: exit code, why the expectations failed, the output's end. */
export function AttemptOutput({ step }: { step: StepState }) {
  const attempt = step.attempts.at(-1);
  if (attempt === undefined || attempt.commands.length === 0) return null;
  return (
    <section className="attempt" aria-label="Last attempt">
      <h3>
        Attempt {attempt.number} <span className="muted">by {attempt.operator}</span>
      </h3>
      {attempt.commands.map((record) => (
        <div
          key={record.index}
          className={`command-record outcome-${record.outcome}`}
          data-testid="command-record"
        >
          <code className="command-record-text">{record.text}</code>
          <span className="command-record-exit" data-testid="command-exit">
            {record.outcome === 'running'
              ? 'running…'
              : record.outcome === 'unknown'
                ? 'outcome unknown'
                : `exit ${record.exitCode ?? '?'}`}
          </span>
          {record.problems.map((problem) => (
            <p key={problem} className="error">
              {problem}
            </p>
          ))}
          {record.output !== '' && (
            <pre className="command-output">
              {record.outputTruncated && '…\n'}
              {lastLines(record.output, 40)}
            </pre>
          )}
        </div>
      ))}
    </section>
  );
}

function lastLines(text: string, count: number): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.length <= count ? lines.join('\n') : ['…', ...lines.slice(-count)].join('\n');
}
