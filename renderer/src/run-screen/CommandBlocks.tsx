import type { CommandRecord, StepState } from '../../../shared/contract/index';
import { VisibleText } from '../format/visible-text';

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
            <code>
              <VisibleText text={command.text} />
            </code>
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
        Attempt {attempt.number}{' '}
        <span className="muted">
          by <VisibleText text={attempt.operator} />
        </span>
      </h3>
      {attempt.commands.map((record) => (
        <div
          key={record.index}
          className={`command-record outcome-${record.outcome}`}
          data-testid="command-record"
        >
          <code className="command-record-text">
            <VisibleText text={record.text} />
          </code>
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
          {record.parts !== undefined && record.parts.length > 0 ? (
            <BlockParts record={record} />
          ) : (
            record.output !== '' && (
              <pre className="command-output">
                {record.outputTruncated && '…\n'}
                {lastLines(record.output, 40)}
              </pre>
            )
          )}
        </div>
      ))}
    </section>
  );
}

/**
 * A block's shell commands one by one: each with its exit code and its own output, the one that
 * failed marked, those never sent after it counted.
 */
function BlockParts({ record }: { record: CommandRecord }) {
  const parts = record.parts ?? [];
  return (
    <ol className="block-parts" aria-label="Commands of the block">
      {parts.map((part, index) => {
        const next = parts.slice(index + 1).find((later) => later.outputStart !== null);
        const output =
          part.outputStart === null
            ? ''
            : record.output.slice(part.outputStart, next?.outputStart ?? undefined);
        return (
          <li
            key={index}
            className={part.problem === null ? 'block-part' : 'block-part block-part-failed'}
            data-testid={part.problem === null ? 'block-part' : 'failed-part'}
          >
            <code>
              <VisibleText text={part.text} />
            </code>{' '}
            <span className="muted">
              {part.outcome === 'unknown' ? 'outcome unknown' : `exit ${part.exitCode ?? '?'}`}
            </span>
            {output !== '' && <pre className="command-output">{lastLines(output, 40)}</pre>}
            {part.outputStart === null && <p className="muted">its output is before the kept tail</p>}
          </li>
        );
      })}
      {(record.notRun ?? 0) > 0 && (
        <li className="muted" data-testid="parts-not-run">
          {record.notRun} more not run
        </li>
      )}
    </ol>
  );
}

function lastLines(text: string, count: number): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.length <= count ? lines.join('\n') : ['…', ...lines.slice(-count)].join('\n');
}
