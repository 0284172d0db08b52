import { useId } from 'react';
import { stepKinds, type Command, type Step } from '../../../shared/runbook/index';
import { editCommand, newCommand, withoutIndex } from './model-edits';

interface StepEditorProps {
  step: Step;
  /** "1.2": phase and step number, which names the group for screen readers and tests. */
  number: string;
  onChange(step: Step): void;
  onRemove(): void;
}

/** One step's fields: title, kind, text, commands and flags. */
export function StepEditor({ step, number, onChange, onRemove }: StepEditorProps) {
  const id = useId();
  const set = (patch: Partial<Step>) => onChange({ ...step, ...patch });
  const minutes =
    step.estimatedDurationSeconds === undefined ? '' : String(step.estimatedDurationSeconds / 60);
  return (
    <fieldset className="step-editor">
      <legend>Step {number}</legend>
      <div className="field-row">
        <div className="field grow">
          <label htmlFor={`${id}-title`}>Title</label>
          <input
            id={`${id}-title`}
            value={step.title}
            onChange={(event) => set({ title: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select
            id={`${id}-kind`}
            value={step.kind}
            onChange={(event) => set({ kind: event.target.value as Step['kind'] })}
          >
            {stepKinds.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>Text (Markdown)</label>
        <textarea
          id={`${id}-text`}
          rows={3}
          value={step.text}
          onChange={(event) => set({ text: event.target.value })}
        />
      </div>
      <div className="field-row">
        <label className="check">
          <input
            type="checkbox"
            checked={step.destructive}
            onChange={(event) => set({ destructive: event.target.checked })}
          />
          Destructive
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={step.optional}
            onChange={(event) => set({ optional: event.target.checked })}
          />
          Optional
        </label>
        <div className="field">
          <label htmlFor={`${id}-minutes`}>Estimated minutes</label>
          <input
            id={`${id}-minutes`}
            type="number"
            min={0}
            step="any"
            value={minutes}
            onChange={(event) => set({ estimatedDurationSeconds: toSeconds(event.target.value) })}
          />
        </div>
      </div>
      {step.commands.map((command, index) => (
        <CommandEditor
          key={index}
          command={command}
          label={`Command ${index + 1}`}
          onChange={(changed) => onChange(editCommand(step, index, () => changed))}
          onRemove={() => set({ commands: withoutIndex(step.commands, index) })}
        />
      ))}
      <div className="actions">
        <button type="button" onClick={() => set({ commands: [...step.commands, newCommand()] })}>
          Add command to step {number}
        </button>
        <button type="button" className="danger" onClick={onRemove}>
          Remove step {number}
        </button>
      </div>
    </fieldset>
  );
}

interface CommandEditorProps {
  command: Command;
  label: string;
  onChange(command: Command): void;
  onRemove(): void;
}

function CommandEditor({ command, label, onChange, onRemove }: CommandEditorProps) {
  const id = useId();
  return (
    <div className="command-editor" role="group" aria-label={label}>
      <div className="field">
        <label htmlFor={`${id}-text`}>{label}</label>
        <textarea
          id={`${id}-text`}
          className="code"
          rows={Math.min(12, Math.max(2, command.text.split('\n').length))}
          spellCheck={false}
          value={command.text}
          onChange={(event) => onChange({ ...command, text: event.target.value })}
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-language`}>Language</label>
          <input
            id={`${id}-language`}
            value={command.language}
            onChange={(event) => onChange({ ...command, language: event.target.value })}
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={command.run}
            onChange={(event) => onChange({ ...command, run: event.target.checked })}
          />
          Runs in the terminal
        </label>
        <button type="button" onClick={onRemove}>
          Remove {label.toLowerCase()}
        </button>
      </div>
    </div>
  );
}

/** Minutes typed by the operator as whole seconds; empty or nonsense clears the estimate. */
function toSeconds(minutes: string): number | undefined {
  const value = Number(minutes);
  return minutes.trim() === '' || !Number.isFinite(value) || value <= 0 ? undefined : Math.round(value * 60);
}
