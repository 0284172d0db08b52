import { RpcError, type Params, type RunUpdate, type StepStatus } from '../../../shared/contract/index';
import { throwIfCancelled } from '../../../shared/rpc/server';
import { readySession, startCommands } from './command-runner';
import type { LiveRun, RunContext } from './run-context';
import { draft, type EventDraft } from './run-event-types';
import {
  allowedFrom,
  awaitingBackupRecord,
  needsEvidence,
  requireActive,
  requireConfirmation,
  requireGatesPassed,
  requireIdle,
  requireInOrder,
  requireNotRunning,
  requireRunnable,
  requireSecretsFor,
  requireStatus,
  requireStep,
} from './run-rules';
import { requireHostTurn } from './rolling-rules';
import { secretMask, maskSecrets, substitute, templateOf } from './variables';
import { cutWait, startWait, stillWaiting, waitPlan } from './wait-runner';

/** Step actions: each checks the rules, then appends its events (RunContext.commit). */

type StepParams = { id: string; stepKey: string };

/**
 * Who asked: the operator (order guards apply, docs/runs.md "Order"), or the engine continuing a
 * rolling batch the operator started.
 */
export type Initiator = 'operator' | 'engine';

/** runStep and the running half of retry: check, wait for the terminal, check again, send. */
export async function runStep(
  ctx: RunContext,
  live: LiveRun,
  params: Params<'runs.runStep'>,
  prefix: (operator: string) => EventDraft[] = () => [],
  allowed: readonly StepStatus[] = allowedFrom.runStep,
  initiator: Initiator = 'operator',
  signal?: AbortSignal,
): Promise<RunUpdate> {
  let order: EventDraft[] = [];
  const check = (): void => {
    requireActive(live.state, 'running a step');
    const { step } = requireStep(live, params.stepKey);
    requireHostTurn(live, step.key);
    requireStatus(step, allowed, 'running it');
    requireGatesPassed(live.state, step);
    if (initiator === 'operator') order = requireInOrder(live, step, orderReason(live, params), 'running');
    const indices = requireRunnable(step);
    requireConfirmation(live.state, step, params.confirm);
    requireSecretsFor(
      live,
      indices.map((index) => step.commands[index]?.template ?? ''),
    );
    requireIdle(live);
  };
  check();
  const session = await readySession(ctx, live);
  // Nothing is written before this point: a request cancelled while the terminal got ready stops
  // here and is answered `cancelled`; past it, the command is sent and the answer says so.
  if (signal !== undefined) throwIfCancelled(signal);
  check(); // the run may have changed while the terminal got ready
  return startCommands(ctx, live, session, params.stepKey, [...order, ...prefix(live.state.run.operator)]);
}

function orderReason(live: LiveRun, params: { outOfOrderReason?: string | undefined }): string | undefined {
  return params.outOfOrderReason === undefined ? undefined : masked(live, params.outOfOrderReason);
}

export function cancelCommand(ctx: RunContext, live: LiveRun, params: StepParams): RunUpdate {
  requireActive(live.state, 'cancelling a command');
  const { step } = requireStep(live, params.stepKey);
  const sending = live.sending;
  if (sending?.stepKey !== step.key) throw new RpcError('conflict', `"${step.title}" has no command running`);
  const session = ctx.terminals.session(live.state.run.terminalId ?? '');
  // Ctrl-C before the shell started the command would only clear the typed line and leave the
  // step waiting for an end that never comes.
  if (session.commands.at(-1)?.outcome !== 'running')
    throw new RpcError(
      'conflict',
      `"${step.title}": the command has not started yet; cancel again in a moment`,
    );
  interruptUntilEnded(session);
  return ctx.commit(live, [
    draft('command.cancelled', live.state.run.operator, step.key, { index: sending.index }),
  ]);
}

export function markDone(ctx: RunContext, live: LiveRun, params: Params<'runs.markDone'>): RunUpdate {
  requireActive(live.state, 'marking a step done');
  const { step, spec } = requireStep(live, params.stepKey);
  if (step.kind === 'gate')
    throw new RpcError('conflict', `"${step.title}" is a gate: it passes only when signed`);
  requireHostTurn(live, step.key);
  requireNotRunning(step, 'marking it done');
  requireStatus(step, allowedFrom.markDone, 'marking it done');
  requireGatesPassed(live.state, step);
  const order = requireInOrder(live, step, orderReason(live, params), 'marking done');
  requireConfirmation(live.state, step, params.confirm);
  const evidence = params.evidence?.trim() ?? '';
  const operator = live.state.run.operator;
  const evidenceNeeded = needsEvidence(step, spec);
  if (evidenceNeeded && evidence === '' && !ctx.hasCurrentEvidence(live, step.key))
    throw new RpcError(
      'conflict',
      `"${step.title}" needs evidence (a note or pasted output) before it can be marked done`,
      'params.evidence',
    );
  const manualCheck =
    step.kind === 'check' &&
    (spec.commands.every((command) => !command.run) || spec.manualCheck !== undefined);
  // Evidence in place of commands the engine would have judged: an override, shown as such.
  const override = evidenceNeeded && !manualCheck;
  return ctx.commit(live, [
    ...order,
    ...(evidence === ''
      ? []
      : [draft('evidence.added', operator, step.key, { text: masked(live, evidence) })]),
    draft('step.succeeded', operator, step.key, { override }),
  ]);
}

export function fail(ctx: RunContext, live: LiveRun, params: Params<'runs.fail'>): RunUpdate {
  requireActive(live.state, 'failing a step');
  const { step } = requireStep(live, params.stepKey);
  requireHostTurn(live, step.key);
  requireNotRunning(step, 'failing it');
  requireStatus(step, allowedFrom.fail, 'failing it');
  return ctx.commit(live, [
    draft('step.failed', live.state.run.operator, step.key, { reason: masked(live, params.reason) }),
  ]);
}

export function skip(ctx: RunContext, live: LiveRun, params: Params<'runs.skip'>): RunUpdate {
  requireActive(live.state, 'skipping a step');
  const { step } = requireStep(live, params.stepKey);
  if (step.kind === 'gate' && !step.optional)
    throw new RpcError('conflict', `"${step.title}" is a gate: it can be skipped only if it is optional`);
  requireHostTurn(live, step.key);
  requireNotRunning(step, 'skipping it');
  requireStatus(step, allowedFrom.skip, 'skipping it');
  requireGatesPassed(live.state, step);
  return ctx.commit(live, [
    draft('step.skipped', live.state.run.operator, step.key, { reason: masked(live, params.reason) }),
  ]);
}

/** A new attempt: runnable steps run again at once, others go back to pending. */
export async function retry(
  ctx: RunContext,
  live: LiveRun,
  params: Params<'runs.retry'>,
  signal?: AbortSignal,
): Promise<RunUpdate> {
  requireActive(live.state, 'retrying a step');
  const { step } = requireStep(live, params.stepKey);
  requireHostTurn(live, step.key);
  requireStatus(step, allowedFrom.retry, 'retrying it');
  requireGatesPassed(live.state, step);
  if (step.status === 'skipped' && params.reason === undefined)
    throw new RpcError(
      'invalid_params',
      `params.reason: "${step.title}" was skipped; running it after all takes that decision back, so say why`,
      'params.reason',
    );
  const why = params.reason === undefined ? {} : { reason: masked(live, params.reason) };
  const retried = (operator: string): EventDraft[] => [
    draft('step.retried', operator, step.key, {
      attempt: step.attempts.length + 1,
      from: step.status,
      ...why,
    }),
  ];
  const runnable =
    ['command', 'check', 'backup'].includes(step.kind) && step.commands.some((command) => command.run);
  if (runnable) return runStep(ctx, live, params, retried, allowedFrom.retry, 'operator', signal);
  const order = requireInOrder(live, step, orderReason(live, params), 'retrying');
  requireConfirmation(live.state, step, params.confirm);
  return ctx.commit(live, [...order, ...retried(live.state.run.operator)]);
}

export function editCommand(ctx: RunContext, live: LiveRun, params: Params<'runs.editCommand'>): RunUpdate {
  requireActive(live.state, 'editing a command');
  const { step } = requireStep(live, params.stepKey);
  const current = step.commands[params.commandIndex];
  if (current === undefined)
    throw new RpcError(
      'invalid_params',
      `params.commandIndex: "${step.title}" has ${step.commands.length} command(s)`,
      'params.commandIndex',
    );
  if (params.text.includes(secretMask))
    throw new RpcError(
      'invalid_params',
      `params.text: write {{name}} where a secret goes, not its mask`,
      'params.text',
    );
  const template = templateOf(params.text, live.secrets);
  const newText = masked(live, substitute(template, live.state.run.variables));
  return ctx.commit(live, [
    draft('command.edited', live.state.run.operator, step.key, {
      index: params.commandIndex,
      oldText: current.text,
      newText,
      template,
      reason: params.reason === undefined ? null : masked(live, params.reason),
    }),
  ]);
}

export function addEvidence(ctx: RunContext, live: LiveRun, params: Params<'runs.addEvidence'>): RunUpdate {
  requireActive(live.state, 'adding evidence');
  const { step } = requireStep(live, params.stepKey);
  return ctx.commit(live, [
    draft('evidence.added', live.state.run.operator, step.key, { text: masked(live, params.text) }),
  ]);
}

export function recordBackup(ctx: RunContext, live: LiveRun, params: Params<'runs.recordBackup'>): RunUpdate {
  requireActive(live.state, 'recording a backup');
  const { step } = requireStep(live, params.stepKey);
  if (step.kind !== 'backup') throw new RpcError('conflict', `"${step.title}" is not a backup step`);
  const awaiting = awaitingBackupRecord(step);
  if (!awaiting && step.status !== 'succeeded')
    throw new RpcError('conflict', `"${step.title}": run the backup first (or mark it done with evidence)`);
  const operator = live.state.run.operator;
  const record = draft('backup.recorded', operator, step.key, {
    path: masked(live, params.path),
    sizeBytes: params.sizeBytes ?? null,
    checksum: params.checksum ?? null,
    source: 'typed',
  });
  return ctx.commit(
    live,
    awaiting ? [record, draft('step.succeeded', operator, step.key, { override: false })] : [record],
  );
}

export function beginWait(
  ctx: RunContext,
  live: LiveRun,
  params: Params<'runs.startWait'>,
  initiator: Initiator = 'operator',
): RunUpdate {
  requireActive(live.state, 'starting a wait');
  const { step, spec } = requireStep(live, params.stepKey);
  if (step.kind !== 'wait') throw new RpcError('conflict', `"${step.title}" is not a wait`);
  requireHostTurn(live, step.key);
  requireStatus(step, allowedFrom.startWait, 'starting the wait');
  requireGatesPassed(live.state, step);
  const order =
    initiator === 'operator' ? requireInOrder(live, step, orderReason(live, params), 'starting') : [];
  const plan = waitPlan(spec);
  if (plan.commandIndex !== undefined)
    requireSecretsFor(live, [step.commands[plan.commandIndex]?.template ?? '']);
  return startWait(ctx, live, step.key, plan, order);
}

export function endWait(ctx: RunContext, live: LiveRun, params: Params<'runs.cutWait'>): RunUpdate {
  requireActive(live.state, 'cutting a wait short');
  const { step } = requireStep(live, params.stepKey);
  if (!stillWaiting(live, step.key)) throw new RpcError('conflict', `"${step.title}" is not waiting`);
  return cutWait(ctx, live, step.key, masked(live, params.reason));
}

function masked(live: LiveRun, text: string): string {
  return maskSecrets(text, live.secrets.values());
}

/**
 * Ctrl-C, again after a second while the same command still runs (at most `interruptRepeats`
 * times): a Ctrl-C that lands between the shell's "command started" mark and the program's own
 * start reaches the shell, not the program, and is lost. An operator would press it again.
 */
const interruptRepeats = 3;
const interruptRepeatMs = 1000;

function interruptUntilEnded(session: ReturnType<RunContext['terminals']['session']>): void {
  const seq = session.commands.at(-1)?.seq;
  const stillRunning = (): boolean => {
    const last = session.commands.at(-1);
    return last?.seq === seq && last?.outcome === 'running';
  };
  session.cancel();
  let repeats = 0;
  const again = (): void => {
    if (!stillRunning() || repeats >= interruptRepeats) return;
    repeats += 1;
    session.cancel();
    setTimeout(again, interruptRepeatMs).unref();
  };
  setTimeout(again, interruptRepeatMs).unref();
}
