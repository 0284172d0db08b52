import { useState } from 'react';
import type { RunHeader } from '../../../shared/contract/index';
import { describeError } from '../library/describe-error';
import type { RunHandle } from './use-run';

/**
 * After the host restarted, secret values are gone from its memory: steps that use them are
 * refused until the operator types them again. They go to the host's memory only.
 */
export function SecretsPrompt({ run, act }: { run: RunHeader; act: RunHandle['act'] }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>(undefined);
  if (run.secretsAvailable || run.secretNames.length === 0) return null;
  const complete = run.secretNames.every((name) => (values[name] ?? '') !== '');
  return (
    <form
      className="secrets-prompt"
      aria-label="Secrets needed"
      onSubmit={(event) => {
        event.preventDefault();
        setError(undefined);
        act('runs.supplySecrets', { id: run.id, secrets: values }).then(
          () => setValues({}),
          (failure: unknown) => setError(describeError(failure)),
        );
      }}
    >
      <strong>Secrets needed.</strong> The app restarted and secret values are kept in memory only: type them
      again before running steps that use them.
      {run.secretNames.map((name) => (
        <label key={name} className="field">
          <span>
            <code>{name}</code>
          </span>
          <input
            type="password"
            autoComplete="off"
            aria-label={name}
            value={values[name] ?? ''}
            onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
          />
        </label>
      ))}
      <button type="submit" disabled={!complete}>
        Supply secrets
      </button>
      {error !== undefined && <p className="error">{error}</p>}
    </form>
  );
}
