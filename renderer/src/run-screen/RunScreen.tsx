import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseHostStepKey, type StepState } from '../../../shared/contract/index';
import { isFinished, RunReportPanel } from '../reports/RunReportPanel';
import { SignoffDialog } from '../reports/SignoffDialog';
import type { DialogSpec } from './FormDialog';
import { FormDialog } from './FormDialog';
import { HelpOverlay } from './HelpOverlay';
import { NoteList } from './NoteList';
import { PracticeBanner, ReviewLinks } from './PracticeBanner';
import { describeError } from '../library/describe-error';
import { holdOf, tallyOf } from './run-layout';
import { detailByKey, isReadOnly, stepAt, stepByKey, type RunModel } from './run-model';
import { ProductionBanner, RunHeaderBar } from './RunHeaderBar';
import { RollingPanel } from './rolling/RollingPanel';
import { RunTerminal, type RunTerminalHandle } from './RunTerminal';
import { SecretsPrompt } from './SecretsPrompt';
import { RecordingFaults } from './RecordingFaults';
import { useRunShortcuts } from './use-run-shortcuts';
import { runLeftovers } from './run-leftovers';
import { availableActions, type StepAction } from './step-actions';
import { startAction } from './step-dialogs';
import { StepList } from './StepList';
import { StepPanel } from './StepPanel';
import { ApprovalPanel } from '../approval/ApprovalPanel';
import { Timeline } from './Timeline';
import { useRun, type RunHandle } from './use-run';
import { useStepNavigation } from './use-step-navigation';
import './run-screen.css';

/** The operator's screen: steps on the left, the step in the middle, the terminal on the right. */
export function RunScreen({ id, stepKey }: { id: string; stepKey?: string | undefined }) {
  const { model, error, act, loadStep, loadRows } = useRun(id, stepKey);
  if (error !== undefined && model === undefined)
    return (
      <p className="error section-full" role="alert">
        {error}
      </p>
    );
  if (model === undefined) return <p className="muted section-full">Loading the run…</p>;
  return <LoadedRun model={model} act={act} loadStep={loadStep} loadRows={loadRows} openStep={stepKey} />;
}

function LoadedRun({
  model,
  act,
  loadStep,
  loadRows,
  openStep,
}: {
  model: RunModel;
  act: RunHandle['act'];
  loadStep: RunHandle['loadStep'];
  loadRows: RunHandle['loadRows'];
  openStep: string | undefined;
}) {
  const { run } = model;
  const readOnly = isReadOnly(run);
  const [selectedKey, setSelectedKey] = useState<string | undefined>(
    () => stepByKey(model, openStep)?.key ?? run.currentStepKey ?? stepAt(model, 0)?.key,
  );
  const [dialog, setDialog] = useState<DialogSpec | undefined>(undefined);
  const [help, setHelp] = useState(false);
  const [gateToSign, setGateToSign] = useState<StepState | undefined>(undefined);
  const [stepError, setStepError] = useState<string | undefined>(undefined);
  const listRef = useRef<HTMLDivElement>(null);
  const terminalRef = useRef<RunTerminalHandle>(null);
  const moveSelection = useStepNavigation(model, selectedKey, setSelectedKey, loadRows);
  const { statuses, phaseSizes } = model;
  const tally = useMemo(() => tallyOf({ statuses, phaseSizes }), [statuses, phaseSizes]);
  // The selected step's row, and the step in full once the host sent it (runs.step).
  const view = stepByKey(model, selectedKey);
  const step = detailByKey(model, selectedKey);
  const stepOf = useCallback((key: string) => stepByKey(model, key), [model]);
  const hostPart = selectedKey === undefined ? undefined : parseHostStepKey(selectedKey);
  const rollingStep =
    view?.kind === 'rolling' ? view : hostPart === undefined ? undefined : stepOf(hostPart.stepKey);
  useFollowRun(view, run.currentStepKey, setSelectedKey);
  useEffect(() => setStepError(undefined), [selectedKey]);
  // A step not held in full (or not held at all: its row comes with it, runs.step sends its position).
  const loadKey = step === undefined ? selectedKey : undefined;
  const hold = useMemo(
    () => (selectedKey === undefined ? undefined : holdOf(model, selectedKey)),
    [model, selectedKey],
  );
  useEffect(() => {
    if (loadKey === undefined) return;
    loadStep(loadKey).catch((failure: unknown) => setStepError(describeError(failure)));
  }, [loadKey, loadStep]);
  useDocumentTitle(model);

  const stepAction = (action: StepAction, target: StepState | undefined = step) => {
    if (target === undefined) return;
    startAction(
      action,
      {
        run,
        step: target,
        evidenceRequired: model.specs.get(target.key)?.manualCheck?.evidenceRequired,
        act,
        signGate: () => setGateToSign(target),
        onError: setStepError,
        hold: target.key === selectedKey ? hold : holdOf(model, target.key),
      },
      setDialog,
    );
  };
  const noteDialog = (stepKey: string | null, title: string) =>
    setDialog({
      title,
      intro: <p className="muted">Markdown; saved with your name and the time.</p>,
      fields: [{ name: 'text', label: 'Note', multiline: true, required: true }],
      submitLabel: 'Add note',
      submit: (values) => act('runs.addNote', { id: run.id, stepKey, text: values.text ?? '' }),
    });
  const editDialog = (target: StepState, index: number) =>
    setDialog({
      title: `Edit command ${index + 1} of “${target.title}”`,
      intro: (
        <p className="muted">
          The edit holds for the rest of this run and is recorded (old and new text). Variables stay as{' '}
          <code>{'{{name}}'}</code> and are filled in when it is sent, secrets included.
        </p>
      ),
      fields: [
        {
          name: 'text',
          label: 'Command',
          multiline: true,
          required: true,
          initial: target.commands[index]?.template,
        },
        { name: 'reason', label: 'Why (optional)' },
      ],
      submitLabel: 'Save command',
      submit: (values) =>
        act('runs.editCommand', {
          id: run.id,
          stepKey: target.key,
          commandIndex: index,
          text: values.text ?? '',
          ...(values.reason ? { reason: values.reason } : {}),
        }),
    });

  useRunShortcuts(dialog !== undefined || help || gateToSign !== undefined, (shortcut) => {
    switch (shortcut) {
      case 'next':
      case 'previous':
        return moveSelection(shortcut === 'next' ? 1 : -1);
      case 'help':
        return setHelp(true);
      case 'terminal':
        return terminalRef.current?.focus();
      case 'list':
        return listRef.current?.focus();
    }
    if (step === undefined || readOnly) return;
    if (shortcut === 'note') return noteDialog(step.key, `Note on “${step.title}”`);
    const available = availableActions(step);
    const wanted: StepAction[] =
      shortcut === 'run' ? ['retry', 'run', 'startWait'] : shortcut === 'done' ? ['done', 'sign'] : ['skip'];
    const action = wanted.find((candidate) => available.includes(candidate));
    if (action !== undefined) stepAction(action);
    else
      setStepError(
        `Nothing to ${shortcut === 'done' ? 'mark done' : shortcut} on this step in its state (${step.status}).`,
      );
  });

  const runNotes = model.notes.filter((note) => note.stepKey === null);
  return (
    <div className="run-screen">
      <ProductionBanner run={run} />
      <PracticeBanner run={run} />
      <RunHeaderBar
        run={run}
        tally={tally}
        readOnly={readOnly}
        act={act}
        open={setDialog}
        leftovers={runLeftovers(model, tally)}
      />
      <RecordingFaults runId={run.id} />
      <ReviewLinks runId={run.id} />
      {!readOnly && <SecretsPrompt run={run} act={act} />}
      {/* Export and sign-offs: in a menu while the run goes on, open once it is finished. */}
      <details className="run-menu" open={isFinished(run.status)}>
        <summary>Report, exports and sign-offs</summary>
        <RunReportPanel run={run} />
      </details>
      {/* A rolling step's grid takes the width of the step and terminal columns (issue 21). */}
      <div className={`run-body${rollingStep === undefined ? '' : ' with-grid'}`}>
        <StepList
          ref={listRef}
          model={model}
          selectedKey={selectedKey}
          onSelect={setSelectedKey}
          onNeedRows={loadRows}
        />
        {rollingStep !== undefined && (
          <div className="run-grid-wide">
            <RollingPanel
              run={run}
              step={rollingStep}
              stepOf={stepOf}
              selectedKey={selectedKey}
              selectedHost={hostPart?.host}
              onSelect={setSelectedKey}
              readOnly={readOnly}
              act={act}
              open={setDialog}
            />
          </div>
        )}
        <div className="run-main">
          <ApprovalPanel run={run} open={setDialog} />
          {step !== undefined ? (
            <StepPanel
              run={run}
              step={step}
              runbookStep={model.specs.get(step.key) ?? undefined}
              notes={model.notes.filter((note) => note.stepKey === step.key)}
              readOnly={readOnly}
              hold={hold}
              error={stepError}
              onAction={(action) => stepAction(action)}
              onEditCommand={(index) => editDialog(step, index)}
              onNote={() => noteDialog(step.key, `Note on “${step.title}”`)}
            />
          ) : selectedKey !== undefined ? (
            // Not the panel (no step-panel test id): the step is only shown once it is all here.
            <p className="muted" data-testid="step-loading">
              {stepError ?? `Loading “${view?.title ?? 'the step'}”…`}
            </p>
          ) : (
            <p className="muted">This run has no steps.</p>
          )}
          <section className="run-notes" aria-label="Run notes">
            <h2 className="pane-title">
              Run notes{' '}
              {!readOnly && (
                <button type="button" className="small" onClick={() => noteDialog(null, 'Note on the run')}>
                  Add run note
                </button>
              )}
            </h2>
            <NoteList notes={runNotes} empty="No notes on the run." />
          </section>
          <Timeline
            runId={run.id}
            eventCount={run.eventCount}
            stepTitle={(key) => stepByKey(model, key)?.title}
          />
        </div>
        <div className="run-side">
          {run.approval?.state === 'awaiting' ? (
            <p className="muted">
              The run terminal opens once the plan is approved (or on an emergency start).
            </p>
          ) : (
            <RunTerminal runId={run.id} active={!readOnly} handle={terminalRef} />
          )}
          <p className="muted shortcut-hint">
            Press <kbd>?</kbd> for keyboard shortcuts.{' '}
            <a href={`#/runs/${run.id}/replay`}>Replay the terminal</a>
          </p>
        </div>
      </div>
      {dialog !== undefined && (
        <FormDialog key={dialog.title} spec={dialog} onClose={() => setDialog(undefined)} />
      )}
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      {gateToSign !== undefined && (
        <SignoffDialog
          request={{
            runId: run.id,
            kind: 'gate',
            stepKey: gateToSign.key,
            subject: gateToSign.title,
            initialName: run.operator,
          }}
          onClose={() => setGateToSign(undefined)}
        />
      )}
    </div>
  );
}

/**
 * When the step the operator is on succeeds or is skipped, the selection moves on to the run's
 * current step. A failure or an unknown outcome keeps it where it is: that step needs attention.
 */
function useFollowRun(
  selected: Pick<StepState, 'key' | 'status'> | undefined,
  currentKey: string | null,
  select: (key: string) => void,
): void {
  const seen = useRef<{ key: string; status: string } | undefined>(undefined);
  const key = selected?.key;
  const status = selected?.status;
  useEffect(() => {
    const before = seen.current;
    seen.current = key === undefined || status === undefined ? undefined : { key, status };
    if (before === undefined || before.key !== key || status === undefined) return;
    const done = (value: string) => value === 'succeeded' || value === 'skipped';
    if (!done(before.status) && done(status) && currentKey !== null && currentKey !== key) select(currentKey);
  }, [key, status, currentKey, select]);
}

/** The environment's name in the window title; production says so first. */
function useDocumentTitle(model: RunModel): void {
  const { environment, runbookTitle } = model.run;
  useEffect(() => {
    const prefix =
      environment.kind === 'production'
        ? `PRODUCTION ${environment.name}`
        : `${model.run.mode === 'practice' ? 'PRACTICE ' : ''}${environment.name}`;
    document.title = `${prefix} — ${runbookTitle} — Handrail`;
    return () => {
      document.title = 'Handrail';
    };
  }, [environment.kind, environment.name, runbookTitle, model.run.mode]);
}
