import { useEffect, useMemo, useState } from 'react';
import type { RevisionSummary, RunbookSummary, RunMode } from '../../../shared/contract/index';
import { useEnvironments } from '../environments/use-environments';
import { ApprovalNotice } from '../approval/ApprovalNotice';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { rememberedOperator, rememberOperator } from './operator-name';
import { PlanView } from './PlanView';
import { missingVariables, RunVariablesForm, type VariableValues } from './RunVariablesForm';
import { usePlan } from './use-plan';
import { useRememberedSecrets } from './use-remembered-secrets';
import './runs.css';

const practiceOnProduction =
  'Practice runs are not allowed on a production environment: use a test or training one.';

/** Prepare a run: runbook revision, environment, mode, operator, variables; review the plan; start. */
export function StartRunWizard({ onStarted, onCancel }: { onStarted(id: string): void; onCancel(): void }) {
  const { client } = useHost();
  const { environments } = useEnvironments();
  const [runbooks, setRunbooks] = useState<RunbookSummary[]>([]);
  const [runbookId, setRunbookId] = useState<string | undefined>(undefined);
  const [revisions, setRevisions] = useState<RevisionSummary[]>([]);
  const [revision, setRevision] = useState<number | undefined>(undefined);
  const [environmentId, setEnvironmentId] = useState<string | undefined>(undefined);
  const [mode, setMode] = useState<RunMode>('live');
  const [operator, setOperator] = useState(rememberedOperator);
  const [values, setValues] = useState<VariableValues>({});
  const [error, setError] = useState<string | undefined>(undefined);
  const [starting, setStarting] = useState(false);
  const remembered = useRememberedSecrets(environmentId);
  const { plan, error: planError } = usePlan({ runbookId, revision, environmentId, mode });
  const environment = environments?.find((item) => item.id === environmentId);
  const production = environment?.kind === 'production';

  useEffect(() => {
    client
      ?.call('runbooks.list', {})
      .then(setRunbooks, (failure: unknown) => setError(describeError(failure)));
  }, [client]);
  useEffect(() => {
    setRevisions([]);
    setRevision(undefined);
    if (client === undefined || runbookId === undefined) return;
    client.call('runbooks.revisions', { id: runbookId }).then(
      (list) => {
        setRevisions([...list].sort((a, b) => b.revision - a.revision));
        setRevision(Math.max(...list.map((item) => item.revision)));
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [client, runbookId]);
  useEffect(() => {
    if (production) setMode('live');
    // A training environment is for practice: start there in practice mode unless asked otherwise.
    if (environment?.kind === 'training') setMode('practice');
  }, [production, environment?.kind]);

  const merged = useMemo(() => ({ ...remembered, ...values }), [remembered, values]);
  const missing = plan === undefined ? [] : missingVariables(plan, merged);
  const canStart =
    plan !== undefined &&
    revision !== undefined &&
    environmentId !== undefined &&
    runbookId !== undefined &&
    operator.trim() !== '' &&
    missing.length === 0 &&
    !starting;

  const start = () => {
    if (!canStart || client === undefined) return;
    const secretNames = new Set(plan.variables.filter((item) => item.secret).map((item) => item.name));
    const variables: VariableValues = {};
    const secrets: VariableValues = {};
    for (const [name, value] of Object.entries(merged)) {
      if (value === '') continue;
      if (secretNames.has(name)) secrets[name] = value;
      else variables[name] = value;
    }
    setStarting(true);
    setError(undefined);
    rememberOperator(operator);
    client
      .call('runs.start', { runbookId, revision, environmentId, mode, operator, variables, secrets })
      .then(
        (detail) => onStarted(detail.run.id),
        (failure: unknown) => {
          setStarting(false);
          setError(describeError(failure));
        },
      );
  };

  return (
    <section className="section-full start-run" aria-label="Start a run">
      <h1>Start a run</h1>
      <div className="field-row">
        <label className="field">
          <span>Runbook</span>
          <select value={runbookId ?? ''} onChange={(event) => setRunbookId(event.target.value || undefined)}>
            <option value="">Choose a runbook…</option>
            {runbooks.map((runbook) => (
              <option key={runbook.id} value={runbook.id}>
                {runbook.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Revision</span>
          <select value={revision ?? ''} onChange={(event) => setRevision(Number(event.target.value))}>
            {revisions.map((item, index) => (
              <option key={item.revision} value={item.revision}>
                {item.revision}
                {index === 0 ? ' (newest)' : ''}
                {item.message === '' ? '' : ` — ${item.message}`}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Environment</span>
          <select
            value={environmentId ?? ''}
            onChange={(event) => setEnvironmentId(event.target.value || undefined)}
          >
            <option value="">Choose an environment…</option>
            {environments?.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name} ({item.kind})
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="run-mode">
        <legend>Mode</legend>
        <label className="check">
          <input type="radio" name="mode" checked={mode === 'live'} onChange={() => setMode('live')} />
          Live
        </label>
        <label className="check" title={production ? practiceOnProduction : undefined}>
          <input
            type="radio"
            name="mode"
            disabled={production}
            checked={mode === 'practice'}
            onChange={() => setMode('practice')}
          />
          Practice
        </label>
        {production && <span className="muted">{practiceOnProduction}</span>}
      </fieldset>
      <label className="field">
        <span>Operator</span>
        <input
          value={operator}
          onChange={(event) => setOperator(event.target.value)}
          placeholder="your name"
        />
      </label>
      {planError !== undefined && <p className="error">{planError}</p>}
      {plan !== undefined && (
        <>
          <RunVariablesForm plan={plan} values={merged} onChange={setValues} />
          {plan.problems.map((problem) => (
            <p key={problem} className="error" role="alert">
              {problem}
            </p>
          ))}
          <PlanView plan={plan} />
          <ApprovalNotice kind={environment?.kind} />
        </>
      )}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions save-bar">
        <button type="button" onClick={start} disabled={!canStart}>
          Start the run
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {missing.length > 0 && <span className="muted">Needs a value: {missing.join(', ')}</span>}
      </div>
    </section>
  );
}
