import { useId } from 'react';
import { phaseWindows, type Phase, type Runbook } from '../../../shared/runbook/index';
import { editPhase, editStep, newPhase, newStep, withoutIndex } from './model-edits';
import { StepEditor } from './StepEditor';

interface StructuredEditorProps {
  runbook: Runbook;
  onChange(runbook: Runbook): void;
}

/** The runbook as a form: title and description, then each phase with its steps. */
export function StructuredEditor({ runbook, onChange }: StructuredEditorProps) {
  const id = useId();
  return (
    <div className="structured-editor">
      <div className="field">
        <label htmlFor={`${id}-title`}>Runbook title</label>
        <input
          id={`${id}-title`}
          value={runbook.title}
          onChange={(event) => onChange({ ...runbook, title: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description (Markdown)</label>
        <textarea
          id={`${id}-description`}
          rows={3}
          value={runbook.description}
          onChange={(event) => onChange({ ...runbook, description: event.target.value })}
        />
      </div>
      {runbook.phases.map((phase, phaseIndex) => (
        <PhaseEditor
          key={phaseIndex}
          phase={phase}
          number={phaseIndex + 1}
          onChange={(changed) => onChange(editPhase(runbook, phaseIndex, () => changed))}
          onRemove={() => onChange({ ...runbook, phases: withoutIndex(runbook.phases, phaseIndex) })}
          onStepChange={(stepIndex, step) => onChange(editStep(runbook, phaseIndex, stepIndex, () => step))}
          onAddStep={() =>
            onChange(editPhase(runbook, phaseIndex, (p) => ({ ...p, steps: [...p.steps, newStep(runbook)] })))
          }
        />
      ))}
      <button type="button" onClick={() => onChange({ ...runbook, phases: [...runbook.phases, newPhase()] })}>
        Add phase
      </button>
    </div>
  );
}

interface PhaseEditorProps {
  phase: Phase;
  number: number;
  onChange(phase: Phase): void;
  onRemove(): void;
  onStepChange(stepIndex: number, step: Phase['steps'][number]): void;
  onAddStep(): void;
}

function PhaseEditor({ phase, number, onChange, onRemove, onStepChange, onAddStep }: PhaseEditorProps) {
  const id = useId();
  return (
    <fieldset className="phase-editor">
      <legend>Phase {number}</legend>
      <div className="field-row">
        <div className="field grow">
          <label htmlFor={`${id}-title`}>Phase title</label>
          <input
            id={`${id}-title`}
            value={phase.title}
            onChange={(event) => onChange({ ...phase, title: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-window`}>Maintenance window</label>
          <select
            id={`${id}-window`}
            value={phase.window}
            onChange={(event) => onChange({ ...phase, window: event.target.value as Phase['window'] })}
          >
            {phaseWindows.map((window) => (
              <option key={window} value={window}>
                {window}
              </option>
            ))}
          </select>
        </div>
      </div>
      {phase.steps.map((step, stepIndex) => (
        <StepEditor
          key={step.id}
          step={step}
          number={`${number}.${stepIndex + 1}`}
          onChange={(changed) => onStepChange(stepIndex, changed)}
          onRemove={() => onChange({ ...phase, steps: withoutIndex(phase.steps, stepIndex) })}
        />
      ))}
      <div className="actions">
        <button type="button" onClick={onAddStep}>
          Add step to phase {number}
        </button>
        <button type="button" className="danger" onClick={onRemove}>
          Remove phase {number}
        </button>
      </div>
    </fieldset>
  );
}
