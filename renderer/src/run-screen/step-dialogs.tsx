import type { RunHeader, StepState } from '../../../shared/contract/index';
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

  switch (action) {
    case 'run':
    case 'retry': {
      const method = action === 'run' ? 'runs.runStep' : 'runs.retry';
      if (!confirm) return void report(act(method, on));
      return open({
        title: `${actionLabels[action]} “${step.title}”`,
        intro: destructiveIntro(run, step),
        fields: [confirmField(run)],
        submitLabel: actionLabels[action],
        danger: true,
        submit: (values) => act(method, { ...on, confirm: values.confirm ?? '' }),
      });
    }
    case 'done': {
      const evidence = doneNeedsEvidence(step, context.evidenceRequired);
      if (!evidence && !confirm) return void report(act('runs.markDone', on));
      const fields: DialogField[] = [];
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
        intro: confirm ? destructiveIntro(run, step) : undefined,
        fields,
        submitLabel: 'Mark done',
        danger: confirm,
        submit: (values) =>
          act('runs.markDone', {
            ...on,
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
      return context.signGate();
    case 'startWait':
      return void report(act('runs.startWait', on));
    case 'cancel':
      return void report(act('runs.cancelCommand', on));
  }
}
