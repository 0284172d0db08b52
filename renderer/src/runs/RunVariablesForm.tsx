import type { RunPlan } from '../../../shared/contract/index';

export type VariableValues = Record<string, string>;

/** Variables that still need a value: none from the environment or the runbook, none typed. */
export function missingVariables(plan: RunPlan, typed: VariableValues): string[] {
  return plan.variables
    .filter((variable) => variable.value === null && (typed[variable.name] ?? '') === '')
    .map((variable) => variable.name);
}

/**
 * The run's variables: each shows where its value comes from and can be overridden for this run.
 * Secret values are typed into masked inputs and go to the host's memory only.
 */
export function RunVariablesForm({
  plan,
  values,
  onChange,
}: {
  plan: RunPlan;
  values: VariableValues;
  onChange: (values: VariableValues) => void;
}) {
  if (plan.variables.length === 0) return <p className="muted">This runbook has no variables.</p>;
  return (
    <fieldset className="run-variables">
      <legend>Variables</legend>
      {plan.variables.map((variable) => {
        const typed = values[variable.name] ?? '';
        const missing = variable.value === null && typed === '';
        return (
          <label key={variable.name} className="field">
            <span>
              <code>{variable.name}</code>
              {variable.secret && <span className="badge">secret</span>}
              {variable.remembered && <span className="badge">remembered</span>}
              {variable.description !== '' && <span className="muted"> — {variable.description}</span>}
            </span>
            <input
              aria-label={variable.name}
              type={variable.secret ? 'password' : 'text'}
              autoComplete="off"
              placeholder={variable.value ?? (variable.secret ? 'secret value' : 'required')}
              aria-invalid={missing}
              value={typed}
              onChange={(event) => onChange({ ...values, [variable.name]: event.target.value })}
            />
            {missing && <span className="error">A value is required.</span>}
          </label>
        );
      })}
    </fieldset>
  );
}
