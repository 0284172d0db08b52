import type { Command, Phase, Runbook, Step, Warning } from '../../../shared/runbook/index';

const windowLabels = { before: 'before the window', inside: 'inside the window', after: 'after the window' };

/**
 * A runbook as phases, steps, commands and warnings. With `showLines`, each item says which line
 * of the source it came from (the import review). All text goes through React, which escapes it.
 */
export function RunbookOutline({ runbook, showLines = false }: { runbook: Runbook; showLines?: boolean }) {
  if (runbook.phases.length === 0) return <p className="muted">This runbook has no phases yet.</p>;
  return (
    <ol className="outline">
      {runbook.phases.map((phase, index) => (
        <PhaseOutline key={index} phase={phase} number={index + 1} showLines={showLines} />
      ))}
    </ol>
  );
}

function PhaseOutline({ phase, number, showLines }: { phase: Phase; number: number; showLines: boolean }) {
  return (
    <li className="outline-phase">
      <section aria-label={`Phase ${number}: ${phase.title}`}>
        <h2>
          {number}. {phase.title} <span className="badge">{windowLabels[phase.window]}</span>
          <Line line={phase.source?.line} show={showLines} />
        </h2>
        {phase.text !== '' && <p className="prose">{phase.text}</p>}
        {phase.steps.length === 0 && <p className="muted">No steps in this phase.</p>}
        <ol className="outline-steps">
          {phase.steps.map((step, index) => (
            <StepOutline key={step.id} step={step} number={`${number}.${index + 1}`} showLines={showLines} />
          ))}
        </ol>
      </section>
    </li>
  );
}

function StepOutline({ step, number, showLines }: { step: Step; number: string; showLines: boolean }) {
  return (
    <li className="outline-step">
      <article aria-label={`Step ${number}: ${step.title}`}>
        <h3>
          {number} {step.title} <span className="badge">{step.kind}</span>
          {step.destructive && <span className="badge badge-danger">destructive</span>}
          {step.optional && <span className="badge">optional</span>}
          {step.estimatedDurationSeconds !== undefined && (
            <span className="badge">
              about {Math.max(1, Math.round(step.estimatedDurationSeconds / 60))} min
            </span>
          )}
          <Line line={step.source?.line} show={showLines} />
        </h3>
        {step.warnings.map((warning, index) => (
          <WarningNote key={index} warning={warning} showLines={showLines} />
        ))}
        {step.text !== '' && <p className="prose">{step.text}</p>}
        {step.commands.map((command, index) => (
          <CommandBlock key={index} command={command} showLines={showLines} />
        ))}
        {step.alternatives.map((alternative, index) => (
          <div key={index} className="alternative">
            <p className="muted">Alternative: {alternative.label}</p>
            {alternative.commands.map((command, commandIndex) => (
              <CommandBlock key={commandIndex} command={command} showLines={showLines} />
            ))}
          </div>
        ))}
        {step.rolling !== undefined && (
          <p className="muted">
            Rolling over {step.rolling.group}, {step.rolling.order}, batches of {step.rolling.batchSize}:{' '}
            {step.rolling.steps.map((sub) => sub.title).join(' → ')}
          </p>
        )}
      </article>
    </li>
  );
}

function CommandBlock({ command, showLines }: { command: Command; showLines: boolean }) {
  const role = command.run ? 'runs' : command.file !== undefined ? `file ${command.file}` : 'shown, not run';
  return (
    <figure className="command">
      <figcaption className="muted">
        {command.language} · {role}
        {command.setE && ' · set -e'}
        {command.mayFail && ' · may fail'}
        <Line line={command.source?.line} show={showLines} />
      </figcaption>
      <pre>
        <code>{command.text}</code>
      </pre>
      {command.expectedOutput !== undefined && (
        <pre className="expected-output" aria-label="Expected output">
          {command.expectedOutput}
        </pre>
      )}
    </figure>
  );
}

function WarningNote({ warning, showLines }: { warning: Warning; showLines: boolean }) {
  return (
    <p className={`admonition admonition-${warning.kind}`}>
      <strong>{warning.kind}:</strong> {warning.text}
      <Line line={warning.source?.line} show={showLines} />
    </p>
  );
}

function Line({ line, show }: { line: number | undefined; show: boolean }) {
  if (!show || line === undefined) return null;
  return <span className="source-line"> line {line}</span>;
}
