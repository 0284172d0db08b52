import { useEffect, useRef, useState, type ReactNode } from 'react';
import { describeError } from '../library/describe-error';
import { ModalForm } from './ModalForm';

export interface DialogField {
  name: string;
  label: string;
  multiline?: boolean;
  required?: boolean;
  initial?: string;
  type?: 'text' | 'number';
  placeholder?: string;
}

export interface DialogSpec {
  title: string;
  /** Shown above the fields: what this does and what it needs. */
  intro?: ReactNode;
  fields: DialogField[];
  submitLabel: string;
  danger?: boolean;
  /** Resolves when the host accepted; a rejection's message is shown and the dialog stays. */
  submit(values: Record<string, string>): Promise<void>;
}

/**
 * A modal form for one action: a reason, evidence, a typed confirmation, a signature. It closes
 * only when the host accepted the action, and shows the host's refusal otherwise.
 */
export function FormDialog({ spec, onClose }: { spec: DialogSpec; onClose(): void }) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(spec.fields.map((field) => [field.name, field.initial ?? ''])),
  );
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = () => {
    setBusy(true);
    setError(undefined);
    spec.submit(values).then(onClose, (failure: unknown) => {
      setBusy(false);
      setError(describeError(failure));
    });
  };
  const missing = spec.fields.some(
    (field) => field.required === true && (values[field.name] ?? '').trim() === '',
  );

  return (
    <ModalForm
      title={spec.title}
      onClose={onClose}
      onSubmit={() => {
        if (!missing && !busy) submit();
      }}
    >
      <h2>{spec.title}</h2>
      {spec.intro !== undefined && <div className="dialog-intro">{spec.intro}</div>}
      {spec.fields.map((field, index) => (
        <label key={field.name} className="field">
          <span>{field.label}</span>
          {field.multiline === true ? (
            <textarea
              ref={index === 0 ? first : undefined}
              rows={5}
              aria-label={field.label}
              placeholder={field.placeholder}
              value={values[field.name] ?? ''}
              onChange={(event) => setValues((current) => ({ ...current, [field.name]: event.target.value }))}
              onKeyDown={(event) => {
                // Ctrl/Cmd-Enter submits a multi-line field; Enter alone is a new line.
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  if (!missing && !busy) submit();
                }
              }}
            />
          ) : (
            <input
              ref={index === 0 ? first : undefined}
              type={field.type ?? 'text'}
              aria-label={field.label}
              autoComplete="off"
              placeholder={field.placeholder}
              value={values[field.name] ?? ''}
              onChange={(event) => setValues((current) => ({ ...current, [field.name]: event.target.value }))}
            />
          )}
        </label>
      ))}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="submit"
          className={spec.danger === true ? 'danger' : undefined}
          disabled={missing || busy}
        >
          {spec.submitLabel}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalForm>
  );
}
