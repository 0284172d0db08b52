import type { ReactNode } from 'react';
import { describeHold, type RunHeader, type StepHold, type StepState } from '../../../shared/contract/index';
import { describeError } from '../library/describe-error';
import type { DialogField, DialogSpec } from './FormDialog';
import { doneNeedsEvidence, needsTypedConfirmation, type StepAction } from './step-actions';
import type { RunHandle } from './use-run';

export interface StepContext {
  run: RunHeader;
  step: StepState;
  /** From the runbook: a check that asks for evidence even though it has commands. */
  evidenceRequired: boolean | undefined;
  act: RunHandle['act'];
  /** Opens the gate's sign-off (name, role, summary, key), which records and signs it. */
  signGate(): void;
  /** Where a refusal of an action that opened no dialog is shown (undefined clears it). */
  onError(message: string | undefined): void;
  /** What holds the step back (a running wait, earlier steps in production), if anything. */
  hold: StepHold | undefined;
}

/** Actions that do a step, which a hold applies to (docs/runs.md, "Order"). */
const heldActions = new Set(['run', 'retry', 'done', 'startWait', 'sign']);

const reasonField: DialogField = {
  name: 'outOfOrderReason',
  label: 'Why go ahead now (recorded with the step)',
  multiline: true,
  required: true,
};

function holdIntro(hold: StepHold) {
  return (
    <p className="error" data-testid="hold-intro">
      Held back: {describeHold(hold, Date.now())}.
    </p>
  );
}

export const actionLabels: Record<StepAction, string> = {
  run: 'Run',
  cancel: 'Cancel command',
  done: 'Mark done',
  evidence: 'Add evidence',
  fail: 'Fail',
  skip: 'Skip',
  retry: 'Retry',
  backup: 'Record backup',
  startWait: 'Start wait',
  cutWait: 'Cut short',
  sign: 'Sign gate',
};

function confirmField(run: RunHeader): DialogField {
  return {
    name: 'confirm',
    label: `Type the environment's name (${run.environment.name}) to confirm`,
    required: true,
  };
}

/** What running a step again changes in the record, by the state it is in. */
function RetryIntro({ step }: { step: StepState }) {
  if (step.status === 'skipped')
    return (
      <p className="error" data-testid="retry-intro">
        “{step.title}” was skipped{step.skipReason === null ? '' : ` (${step.skipReason})`}. Running it takes
        that decision back; the skip stays in the record, with why you changed it.
      </p>
    );
  if (step.status === 'unknown')
    return (
      <p className="error" data-testid="retry-intro">
        Its outcome is unknown: the attempt may already have done its work. Running it again is recorded as a
        retry after an unknown outcome.
      </p>
    );
  return (
    <p data-testid="retry-intro">
      The failed attempt stays in the record; this runs attempt {step.attempts.length + 1}.
    </p>
  );
}

function retryReasonField(step: StepState): DialogField {
  const skipped = step.status === 'skipped';
  return {
    name: 'reason',
    label: skipped ? 'Why run it after all (recorded)' : 'Why (optional, recorded)',
    multiline: true,
    required: skipped,
  };
}

function destructiveIntro(run: RunHeader, step: StepState) {
  return (
    <p className="error">
      “{step.title}” is destructive and this is a live run in PRODUCTION ({run.environment.name}).
    </p>
  );
}

/**
 * Starts a step action: at once when it needs nothing more, else through the dialog that asks
 * for what it needs (a reason, evidence, the typed environment name, a signature).
 */
export function startAction(
  action: StepAction,
  context: StepContext,
  open: (spec: DialogSpec) => void,
): void {
  const { run, step, act } = context;
  const on = { id: run.id, stepKey: step.key };
  const confirm = needsTypedConfirmation(run, step);
  const reasonDialog = (title: string, submit: (reason: string) => Promise<void>, danger = false) =>
    open({
      title,
      fields: [{ name: 'reason', label: 'Reason', multiline: true, required: true }],
      submitLabel: title.split(' ')[0] ?? title,
      danger,
      submit: (values) => submit(values.reason ?? ''),
    });
  const report = (work: Promise<void>) => {
    context.onError(undefined);
    work.catch((failure: unknown) => context.onError(describeError(failure)));
  };

  const hold = heldActions.has(action) ? context.hold : undefined;
  if (hold?.refused) {
    context.onError(
      `${describeHold(hold, Date.now())}: in a live production run this step waits until the wait ends or is cut short.`,
    );
    return;
  }
  const held = hold === undefined ? [] : [reasonField];
  const withReason = (values: Record<string, string>) =>
    hold === undefined ? {} : { outOfOrderReason: values.outOfOrderReason ?? '' };
  const intro = (first: ReactNode, second: ReactNode) =>
    first === undefined && second === undefined ? undefined : (
      <>
        {first}
        {second}
      </>
    );

  switch (action) {
    case 'retry':
      // Always asked: running again takes back a recorded decision (a skip) or overrides an outcome.
      return open({
        title: `Run “${step.title}” again`,
        intro: intro(
          <RetryIntro step={step} />,
          <>
            {hold && holdIntro(hold)}
            {confirm ? destructiveIntro(run, step) : undefined}
          </>,
        ),
        fields: [...held, retryReasonField(step), ...(confirm ? [confirmField(run)] : [])],
        submitLabel: step.status === 'skipped' ? 'Take the skip back and run' : 'Run again',
        danger: true,
        submit: (values) =>
          act('runs.retry', {
            ...on,
            ...withReason(values),
            ...(values.reason ? { reason: values.reason } : {}),
            ...(confirm ? { confirm: values.confirm ?? '' } : {}),
          }),
      });
    case 'run': {
      const method = 'runs.runStep';
      if (!confirm && hold === undefined) return void report(act(method, on));
      return open({
        title: `Run “${step.title}”${hold === undefined ? '' : ' anyway'}`,
        intro: intro(hold && holdIntro(hold), confirm ? destructiveIntro(run, step) : undefined),
        fields: [...held, ...(confirm ? [confirmField(run)] : [])],
        submitLabel: actionLabels.run,
        danger: confirm || hold !== undefined,
        submit: (values) =>
          act(method, {
            ...on,
            ...withReason(values),
            ...(confirm ? { confirm: values.confirm ?? '' } : {}),
          }),
      });
    }
    case 'done': {
      const evidence = doneNeedsEvidence(step, context.evidenceRequired);
      if (!evidence && !confirm && hold === undefined) return void report(act('runs.markDone', on));
      const fields: DialogField[] = [...held];
      if (evidence)
        fields.push({
          name: 'evidence',
          label: 'Evidence (what you checked, pasted output)',
          multiline: true,
          required: step.evidence.length === 0,
        });
      if (confirm) fields.push(confirmField(run));
      return open({
        title: `Mark “${step.title}” done`,
        intro: intro(hold && holdIntro(hold), confirm ? destructiveIntro(run, step) : undefined),
        fields,
        submitLabel: 'Mark done',
        danger: confirm || hold !== undefined,
        submit: (values) =>
          act('runs.markDone', {
            ...on,
            ...withReason(values),
            ...(values.evidence ? { evidence: values.evidence } : {}),
            ...(confirm ? { confirm: values.confirm ?? '' } : {}),
          }),
      });
    }
    case 'evidence':
      return open({
        title: `Evidence for “${step.title}”`,
        fields: [
          { name: 'text', label: 'Evidence (a note or pasted output)', multiline: true, required: true },
        ],
        submitLabel: 'Add evidence',
        submit: (values) => act('runs.addEvidence', { ...on, text: values.text ?? '' }),
      });
    case 'fail':
      return reasonDialog(`Fail “${step.title}”`, (reason) => act('runs.fail', { ...on, reason }), true);
    case 'skip':
      return reasonDialog(`Skip “${step.title}”`, (reason) => act('runs.skip', { ...on, reason }));
    case 'cutWait':
      return reasonDialog(`Cut short “${step.title}”`, (reason) => act('runs.cutWait', { ...on, reason }));
    case 'backup':
      return open({
        title: `Record the backup of “${step.title}”`,
        fields: [
          { name: 'path', label: 'Path', required: true },
          { name: 'size', label: 'Size in bytes (optional)', type: 'number' },
          { name: 'checksum', label: 'Checksum (optional)' },
        ],
        submitLabel: 'Record backup',
        submit: (values) =>
          act('runs.recordBackup', {
            ...on,
            path: values.path ?? '',
            ...(values.size ? { sizeBytes: Number(values.size) } : {}),
            ...(values.checksum ? { checksum: values.checksum } : {}),
          }),
      });
    case 'sign':
      // A gate's sign-off goes through the report's signing, which takes no reason: a held gate
      // is signed once the hold is over.
      if (hold !== undefined)
        return context.onError(`${describeHold(hold, Date.now())}: sign the gate once that is over.`);
      return context.signGate();
    case 'startWait':
      if (hold === undefined) return void report(act('runs.startWait', on));
      return open({
        title: `Start “${step.title}” anyway`,
        intro: holdIntro(hold),
        fields: held,
        submitLabel: 'Start wait',
        danger: true,
        submit: (values) => act('runs.startWait', { ...on, ...withReason(values) }),
      });
    case 'cancel':
      return void report(act('runs.cancelCommand', on));
  }
}
