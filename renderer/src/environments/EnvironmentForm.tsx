import { useState } from 'react';
import { environmentKinds, type Environment } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { SshFields } from '../terminals/SshFields';
import { draftOf, inputOf, kindColours, newDraft, type EnvironmentDraft } from './environment-draft';
import { VariablesEditor } from './VariablesEditor';

interface EnvironmentFormProps {
  environment?: Environment;
  onSaved(environment: Environment): void;
  onCancel(): void;
}

/** Creates an environment or edits one: what it is, its control host and its variable values. */
export function EnvironmentForm({ environment, onSaved, onCancel }: EnvironmentFormProps) {
  const { client } = useHost();
  const [draft, setDraft] = useState<EnvironmentDraft>(() =>
    environment === undefined ? newDraft() : draftOf(environment),
  );
  const [error, setError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const set = (change: Partial<EnvironmentDraft>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, ...change }));
  };

  const save = () => {
    const checked = inputOf(draft);
    if ('problem' in checked) return setError(checked.problem);
    setError(undefined);
    const request =
      environment === undefined
        ? client?.call('environments.create', { environment: checked.input })
        : client?.call('environments.update', { id: environment.id, environment: checked.input });
    request?.then(
      (result) => {
        setSaved(true);
        onSaved(result);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  };

  return (
    <form
      className="environment-form"
      aria-label={environment === undefined ? 'New environment' : `Edit ${environment.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h1>{environment === undefined ? 'New environment' : environment.name}</h1>
      <div className="field-row">
        <label className="field grow">
          <span>Name</span>
          <input value={draft.name} onChange={(event) => set({ name: event.target.value })} required />
        </label>
        <label className="field">
          <span>Kind</span>
          <select
            value={draft.kind}
            onChange={(event) => {
              const kind = event.target.value as EnvironmentDraft['kind'];
              const colourUntouched = draft.colour === kindColours[draft.kind];
              set({ kind, ...(colourUntouched ? { colour: kindColours[kind] } : {}) });
            }}
          >
            {environmentKinds.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Colour</span>
          <input
            type="color"
            value={draft.colour}
            onChange={(event) => set({ colour: event.target.value })}
          />
        </label>
      </div>
      <label className="field">
        <span>Description</span>
        <textarea
          rows={2}
          value={draft.description}
          onChange={(event) => set({ description: event.target.value })}
        />
      </label>
      <fieldset className="control-host">
        <legend>Control host</legend>
        <label className="check">
          <input
            type="radio"
            checked={draft.hostKind === 'local'}
            onChange={() => set({ hostKind: 'local' })}
          />
          {draft.sandbox ? 'Local shell with the practice sandbox’s stand-in commands' : 'Local shell'}
        </label>
        <label className="check">
          <input type="radio" checked={draft.hostKind === 'ssh'} onChange={() => set({ hostKind: 'ssh' })} />
          SSH
        </label>
        {draft.hostKind === 'local' ? (
          <input
            aria-label="Shell"
            placeholder="shell path (your login shell when empty)"
            value={draft.shell}
            onChange={(event) => set({ shell: event.target.value })}
          />
        ) : (
          <div className="ssh-fields">
            <SshFields values={draft.ssh} onChange={(ssh) => set({ ssh })} />
          </div>
        )}
      </fieldset>
      <VariablesEditor rows={draft.variables} onChange={(variables) => set({ variables })} />
      <label className="field">
        <span>Secret variables (names, comma-separated; their values are never stored here)</span>
        <input
          aria-label="Secret variables"
          value={draft.secretNames}
          onChange={(event) => set({ secretNames: event.target.value })}
        />
      </label>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={client === undefined}>
          {environment === undefined ? 'Create environment' : 'Save environment'}
        </button>
        <button type="button" onClick={onCancel}>
          Close
        </button>
        {saved && (
          <span className="muted" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
