import type { Note, RunHeader, StepHold, StepState } from '../../../shared/contract/index';
import type { Step } from '../../../shared/runbook/index';
import { formatTime } from '../format/time';
import { MarkdownText } from '../markdown/MarkdownText';
import { AttemptOutput, CommandBlocks } from './CommandBlocks';
import { NoteList } from './NoteList';
import { PracticeCheck } from './PracticeCheck';
import { statusLabels, StatusIcon } from './status-icon';
import { availableActions, type StepAction } from './step-actions';
import { actionLabels } from './step-dialogs';
import { HoldBanner } from './HoldBanner';
import { WaitCountdown } from './WaitCountdown';
import { VisibleText } from '../format/visible-text';

interface StepPanelProps {
  run: RunHeader;
  step: StepState;
  runbookStep: Step | undefined;
  notes: Note[];
  readOnly: boolean;
  /** What holds the step back now (shared/contract/step-order.ts), if anything. */
  hold?: StepHold | undefined;
  error: string | undefined;
  onAction(action: StepAction): void;
  onEditCommand(index: number): void;
  onNote(): void;
}

/** The selected step: what it says, what it will send, what happened, and what can be done now. */
export function StepPanel(props: StepPanelProps) {
  const { run, step, runbookStep, notes, readOnly } = props;
  const paused = run.status === 'paused';
  const actions = readOnly || paused ? [] : availableActions(step);
  return (
    <article
      className="step-panel"
      aria-label={`Step: ${step.title}`}
      data-testid="step-panel"
      data-status={step.status}
    >
      {/* Title, state, last exit code and actions stay in view while the body scrolls (issue 21). */}
      <div className="step-pinned">
        <header className="step-panel-header">
          <StatusIcon status={step.status} />
          <h2>
            <VisibleText text={step.title} />
          </h2>
          <span className="badge">{step.kind}</span>
          {step.destructive && <span className="badge badge-danger">destructive</span>}
          {step.optional && <span className="badge">optional</span>}
          <LastExitCode step={step} />
          <span className="step-status" data-testid="step-status">
            {statusLabels[step.status]}
          </span>
        </header>
        {actions.length > 0 && (
          <div className="actions step-actions" role="toolbar" aria-label="Step actions">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                className={action === 'fail' || action === 'skip' ? 'danger' : undefined}
                onClick={() => props.onAction(action)}
              >
                {actionLabels[action]}
              </button>
            ))}
          </div>
        )}
        {props.error !== undefined && (
          <p className="error" role="alert">
            {props.error}
          </p>
        )}
      </div>
      {step.status === 'unknown' && (
        <div className="unknown-banner" role="alert">
          <strong>Outcome unknown: verify.</strong> {step.unknownReason ?? 'The command’s end was not seen.'}{' '}
          Check on the control host what the command did, then Mark done (saying what you saw), Fail, or
          Retry.
        </div>
      )}
      {step.failReason !== null && step.status === 'failed' && (
        <p className="error">Failed: {step.failReason}</p>
      )}
      {step.outOfOrder?.map((entry, index) => (
        <p key={index} className="skip-reason" data-testid="out-of-order">
          Done while held back ({entry.kind === 'wait' ? 'a wait was running' : 'earlier steps were not done'}
          ) by {entry.author}, {formatTime(entry.at)}: {entry.reason}
        </p>
      ))}
      {step.skipReason !== null && step.status === 'skipped' && (
        <p className="skip-reason" data-testid="skip-reason">
          Skipped: {step.skipReason}
        </p>
      )}
      {paused && <p className="muted">The run is paused: resume it to act on steps (notes still work).</p>}
      {props.hold !== undefined && !readOnly && !isFinished(step) && <HoldBanner hold={props.hold} />}
      {runbookStep?.warnings.map((warning, index) => (
        <div key={index} className={`admonition admonition-${warning.kind}`}>
          <strong>{warning.kind}:</strong> <MarkdownText text={warning.text} />
        </div>
      ))}
      {runbookStep !== undefined && runbookStep.text !== '' && (
        <MarkdownText className="step-text" text={runbookStep.text} />
      )}
      <CommandBlocks step={step} onEdit={readOnly || paused ? undefined : props.onEditCommand} />
      {step.wait !== null && <WaitCountdown wait={step.wait} />}
      <AttemptOutput step={step} />
      <PracticeCheck run={run} step={step} commands={runbookStep?.commands} />
      {step.evidence.length > 0 && (
        <section aria-label="Evidence">
          <h3>Evidence</h3>
          {step.evidence.map((item, index) => (
            <div key={index} className="evidence" data-testid="evidence">
              <span className="muted">
                {item.author}, {formatTime(item.at)}
              </span>
              <pre>
                <VisibleText text={item.text} />
              </pre>
            </div>
          ))}
        </section>
      )}
      {step.backups.length > 0 && (
        <section aria-label="Backups">
          <h3>Backups</h3>
          <ul>
            {step.backups.map((backup, index) => (
              <li key={index}>
                <code>{backup.path}</code>
                {backup.sizeBytes !== null && ` · ${backup.sizeBytes} bytes`}
                {backup.checksum !== null && ` · ${backup.checksum}`}
                <span className="muted"> ({backup.source === 'output' ? 'from the output' : 'typed'})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {step.signoff !== null && (
        <p className="signoff" data-testid="signoff">
          Signed by <VisibleText text={step.signoff.name} />
          {step.signoff.role !== '' && (
            <>
              {' ('}
              <VisibleText text={step.signoff.role} />)
            </>
          )}{' '}
          at {formatTime(step.signoff.at)}
        </p>
      )}
      <section aria-label="Step notes" className="step-notes">
        <h3>
          Notes{' '}
          {!readOnly && (
            <button type="button" className="small" onClick={props.onNote}>
              Add note
            </button>
          )}
        </h3>
        <NoteList notes={notes} empty="No notes on this step." />
      </section>
    </article>
  );
}

function isFinished(step: StepState): boolean {
  return step.status === 'succeeded' || step.status === 'skipped';
}

/** The exit code of the step's last command, large: the first thing an operator looks for. */
function LastExitCode({ step }: { step: StepState }) {
  const last = step.attempts.at(-1)?.commands.at(-1);
  if (last === undefined || last.exitCode === null) return null;
  return (
    <span className={`step-exit ${last.exitCode === 0 ? 'good' : 'bad'}`} data-testid="step-exit">
      exit {last.exitCode}
    </span>
  );
}
