import { useMemo, useState } from 'react';
import type { RunHeader } from '../../../../shared/contract/index';
import type { StepView } from '../run-model';
import { formatDuration } from '../../format/time';
import { describeError } from '../../library/describe-error';
import type { DialogSpec } from '../FormDialog';
import { needsTypedConfirmation } from '../step-actions';
import type { RunHandle } from '../use-run';
import { RollingGrid } from './RollingGrid';
import { summarise } from './rolling-model';

interface RollingPanelProps {
  run: RunHeader;
  step: StepView;
  stepOf(key: string): StepView | undefined;
  selectedKey: string | undefined;
  /** The host the operator is on (its row), offered when skipping a host. */
  selectedHost: string | undefined;
  onSelect(key: string): void;
  readOnly: boolean;
  act: RunHandle['act'];
  open(spec: DialogSpec): void;
}

/**
 * A rolling step's progress and controls: counts and the time left, hosts out of service, the
 * next batch to start (or the batch to continue), skipping a host, aborting, and the grid.
 */
export function RollingPanel(props: RollingPanelProps) {
  const { run, step, act, open } = props;
  const [error, setError] = useState<string | undefined>(undefined);
  const rolling = step.rolling;
  const summary = useMemo(
    () => (rolling === undefined ? undefined : summarise(step.key, rolling, props.stepOf)),
    // Recomputed whenever any host step changes (the step getter changes with the model).
    [step.key, rolling, props.stepOf],
  );
  const acting = !props.readOnly && run.status === 'active';
  const on = { id: run.id, stepKey: step.key };
  const report = (work: Promise<void>) => {
    setError(undefined);
    work.catch((failure: unknown) => setError(describeError(failure)));
  };
  const destructive = step.destructive || hostStepsDestructive(step, props.stepOf);
  const startBatch = () => {
    if (!needsTypedConfirmation(run, { ...step, destructive })) return report(act('runs.runStep', on));
    open({
      title: `${batchLabel(step)} of “${step.title}”`,
      intro: <p className="error">Its sub-steps are destructive and this is a live run in PRODUCTION.</p>,
      fields: [
        {
          name: 'confirm',
          label: `Type the environment's name (${run.environment.name}) to confirm`,
          required: true,
        },
      ],
      submitLabel: batchLabel(step),
      danger: true,
      submit: (values) => act('runs.runStep', { ...on, confirm: values.confirm ?? '' }),
    });
  };
  const skipHost = () =>
    open({
      title: `Skip a host of “${step.title}”`,
      intro: <p className="muted">Its unfinished sub-steps are skipped; it stays shown as not updated.</p>,
      fields: [
        { name: 'host', label: 'Host', required: true, initial: props.selectedHost ?? '' },
        { name: 'reason', label: 'Reason', multiline: true, required: true },
      ],
      submitLabel: 'Skip host',
      danger: true,
      submit: (values) =>
        act('runs.skipHost', { ...on, host: values.host ?? '', reason: values.reason ?? '' }),
    });
  const abort = () =>
    open({
      title: `Abort “${step.title}”`,
      intro: (
        <p className="muted">The rolling step fails with the reason; a retry continues where it stopped.</p>
      ),
      fields: [{ name: 'reason', label: 'Reason', multiline: true, required: true }],
      submitLabel: 'Abort rolling update',
      danger: true,
      submit: (values) => act('runs.abortRolling', { ...on, reason: values.reason ?? '' }),
    });

  const canStart =
    acting &&
    (step.status === 'pending' || step.status === 'running') &&
    (rolling === undefined || rolling.finishedBatches < rolling.batches.length);
  return (
    <section className="rolling-panel" aria-label="Rolling update" data-testid="rolling-panel">
      <h3>
        Rolling update: {rolling?.pattern ?? 'not planned yet'}
        {rolling !== undefined && (
          <span className="muted">
            {' '}
            · {rolling.hosts.length} hosts in {rolling.batches.length} batches from {rolling.inventoryFile}
            {rolling.drainCap !== null && ` · at most ${rolling.drainCap} out of service`}
            {rolling.auto && ' · batches go on by themselves'}
          </span>
        )}
      </h3>
      {summary !== undefined && (
        <p className="rolling-summary" data-testid="rolling-counts">
          <span data-count="updated">{summary.updated} updated</span>
          <span data-count="failed">{summary.failed} failed</span>
          <span data-count="skipped">{summary.skipped} skipped</span>
          <span data-count="remaining">{summary.remaining} remaining</span>
          <span className="muted" data-testid="rolling-estimate">
            {summary.secondsLeft === null
              ? 'no estimate yet'
              : `≈ ${formatDuration(summary.secondsLeft)} left`}
          </span>
        </p>
      )}
      {rolling !== undefined && rolling.outOfService.length > 0 && (
        <p className="warn-text" data-testid="out-of-service">
          Out of service (drained or disabled, not yet restored): {rolling.outOfService.join(', ')}
        </p>
      )}
      {rolling?.warnings.map((warning) => (
        <p key={warning} className="muted">
          Planner: {warning}
        </p>
      ))}
      {rolling?.abortReason !== undefined && rolling.abortReason !== null && (
        <p className="error">Aborted: {rolling.abortReason}</p>
      )}
      {acting && (
        <div className="actions" role="toolbar" aria-label="Rolling actions">
          {canStart && (
            <button type="button" onClick={startBatch}>
              {batchLabel(step)}
            </button>
          )}
          {rolling !== undefined && (
            <button type="button" className="danger" onClick={skipHost}>
              Skip host…
            </button>
          )}
          {step.status === 'running' && (
            <button type="button" className="danger" onClick={abort}>
              Abort rolling update…
            </button>
          )}
        </div>
      )}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rolling !== undefined && (
        <RollingGrid
          run={run}
          step={{ ...step, rolling }}
          stepOf={props.stepOf}
          selectedKey={props.selectedKey}
          onSelect={props.onSelect}
        />
      )}
    </section>
  );
}

function batchLabel(step: StepView): string {
  const rolling = step.rolling;
  if (rolling === undefined) return 'Plan and start the first batch';
  if (rolling.currentBatch !== null) return `Continue batch ${rolling.currentBatch + 1}`;
  return `Start batch ${rolling.finishedBatches + 1} of ${rolling.batches.length}`;
}

function hostStepsDestructive(step: StepView, stepOf: (key: string) => StepView | undefined): boolean {
  const rolling = step.rolling;
  const first = rolling?.hosts[0]?.name;
  if (rolling === undefined || first === undefined) return false;
  return rolling.subSteps.some((sub) => stepOf(`${step.key}@${first}/${sub.id}`)?.destructive === true);
}
