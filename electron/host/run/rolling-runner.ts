import { RpcError, type Params, type RunUpdate, type StepState } from '../../../shared/contract/index';
import { mayStartBatch } from '../inventory/index';
import { stepOf, type LiveRun, type RunContext } from './run-context';
import { draft, hostActor, type EventDraft } from './run-event-types';
import { planDraft, registerHostSteps } from './rolling-planning';
import { batchCells, hostCells, requireRollingConfirmation, rollingOf } from './rolling-rules';
import {
  requireActive,
  requireGatesPassed,
  requireInOrder,
  requireStatus,
  requireStep,
  runnableIndices,
} from './run-rules';
import { beginWait, runStep } from './step-actions';
import { maskSecrets } from './variables';

/**
 * Rolling steps: the engine offers the next batch; once the operator starts it, the batch's
 * sub-steps run one after another (each sub-step on every host of the batch in turn) until one
 * fails or needs the operator (an instruction, a manual check). A failure stops the rolling
 * step until the operator retries the sub-step, skips the host or aborts. With `auto`, a batch
 * that fully passed lets the next one start by itself, within the drain cap.
 */

const stoppedStatuses = new Set(['running', 'failed', 'unknown']);

/** runs.runStep on a rolling step: plan it if needed, start the next batch, or continue this one. */
export async function continueRolling(
  ctx: RunContext,
  live: LiveRun,
  params: Params<'runs.runStep'>,
): Promise<RunUpdate> {
  requireActive(live.state, 'running a step');
  const { step, spec } = requireStep(live, params.stepKey);
  requireStatus(step, ['pending', 'running'], 'starting its next batch');
  requireGatesPassed(live.state, step);
  const order = requireInOrder(
    live,
    step,
    params.outOfOrderReason === undefined
      ? undefined
      : maskSecrets(params.outOfOrderReason, live.secrets.values()),
    'running',
  );
  requireRollingConfirmation(live, step, params.confirm);
  let update: RunUpdate | undefined;
  if (step.rolling === undefined) {
    update = ctx.commit(live, [planDraft(live, step, spec, ctx.inventory(live.state.run.environment.id))]);
    registerHostSteps(live);
  }
  const drafts: EventDraft[] = [...order];
  const current = stepOf(live, step.key);
  if (current.status === 'pending')
    drafts.push(
      draft('step.started', live.state.run.operator, step.key, { attempt: current.attempts.length + 1 }),
    );
  if (current.rolling?.currentBatch === null)
    drafts.push(nextBatchDraft(live, current, live.state.run.operator));
  else refuseStopped(live, current);
  if (drafts.length > 0) update = ctx.commit(live, drafts);
  const advanced = await advance(ctx, live, step.key);
  if (advanced !== undefined) return advanced;
  if (update !== undefined) return update;
  const waiting = batchCells(live, current, current.rolling?.currentBatch ?? 0).find(
    (cell) => cell.status === 'pending',
  );
  throw new RpcError(
    'conflict',
    waiting === undefined
      ? `"${step.title}" has nothing to continue`
      : `the batch waits for "${waiting.title}": do it and mark it done (or skip it)`,
  );
}

/**
 * Sends the batch's next sub-step, or finishes the batch; nothing while the run is not active,
 * a sub-step is running, failed or unknown, or the next one needs the operator.
 */
export async function advance(ctx: RunContext, live: LiveRun, key: string): Promise<RunUpdate | undefined> {
  const step = stepOf(live, key);
  const batch = step.rolling?.currentBatch ?? null;
  if (live.state.run.status !== 'active' || step.status !== 'running' || batch === null) return undefined;
  const cells = batchCells(live, step, batch);
  if (cells.some((cell) => stoppedStatuses.has(cell.status))) return undefined;
  const next = cells.find((cell) => cell.status === 'pending');
  if (next === undefined) return finishBatch(ctx, live, step, batch);
  if (live.sending !== undefined) return undefined;
  // The operator confirmed the batch (destructive sub-steps in production) when starting it.
  const confirm = live.state.run.environment.name;
  if (['command', 'check', 'backup'].includes(next.kind) && runnableIndices(next).length > 0)
    return runStep(ctx, live, { id: live.id, stepKey: next.key, confirm }, undefined, undefined, 'engine');
  if (next.kind === 'wait') return beginWait(ctx, live, { id: live.id, stepKey: next.key }, 'engine');
  return undefined;
}

function finishBatch(ctx: RunContext, live: LiveRun, step: StepState, batch: number): RunUpdate | undefined {
  const rolling = step.rolling;
  if (rolling === undefined) return undefined;
  const drafts: EventDraft[] = [draft('rolling.batchFinished', hostActor, step.key, { batch })];
  const last = batch + 1 >= rolling.batches.length;
  if (last) drafts.push(draft('step.succeeded', hostActor, step.key, { override: false }));
  const allPassed = batchCells(live, step, batch).every((cell) => cell.status === 'succeeded');
  const update = ctx.commit(live, drafts);
  if (last || !rolling.auto || !allPassed) return update;
  const after = stepOf(live, step.key);
  try {
    ctx.commit(live, [nextBatchDraft(live, after, hostActor)]);
  } catch (error) {
    // The drain cap holds the next batch back: the operator restores hosts and starts it.
    if (error instanceof RpcError) ctx.log(`run ${live.id}: ${step.key} waits: ${error.message}`);
    else throw error;
    return update;
  }
  void advance(ctx, live, step.key).catch((error: unknown) => quietly(ctx, live, error));
  return update;
}

function nextBatchDraft(live: LiveRun, step: StepState, actor: string): EventDraft {
  const rolling = step.rolling;
  if (rolling === undefined) throw new RpcError('conflict', `"${step.title}" has no plan`);
  const batch = rolling.finishedBatches;
  const hosts = rolling.batches[batch];
  if (hosts === undefined) throw new RpcError('conflict', `every batch of "${step.title}" has finished`);
  const going = hosts.filter((host) => !Object.hasOwn(rolling.skippedHosts, host));
  const decision = mayStartBatch(going, rolling.outOfService, rolling.drainCap ?? undefined);
  if (!decision.ok)
    throw new RpcError(
      'conflict',
      `"${step.title}": ${decision.reason}; restore them (their enable sub-step) before the next batch`,
    );
  return draft('rolling.batchStarted', actor, step.key, { batch, hosts });
}

function refuseStopped(live: LiveRun, step: StepState): void {
  const cells = batchCells(live, step, step.rolling?.currentBatch ?? 0);
  const running = cells.find((cell) => cell.status === 'running');
  if (running !== undefined)
    throw new RpcError('conflict', `"${running.title}" is running; the batch goes on after it`);
  const stopped = cells.find((cell) => cell.status === 'failed' || cell.status === 'unknown');
  if (stopped !== undefined)
    throw new RpcError(
      'conflict',
      `"${stopped.title}" is ${stopped.status}: retry it, skip the host, or abort the rolling step`,
    );
}

export function skipHost(ctx: RunContext, live: LiveRun, params: Params<'runs.skipHost'>): RunUpdate {
  requireActive(live.state, 'skipping a host');
  const { step, rolling } = rollingOf(live, params.stepKey);
  if (!rolling.hosts.some((host) => host.name === params.host))
    throw new RpcError(
      'invalid_params',
      `params.host: ${params.host} is not a host of "${step.title}"`,
      'params.host',
    );
  const cells = hostCells(live, step, params.host);
  const running = cells.find((cell) => cell.status === 'running');
  if (running !== undefined)
    throw new RpcError(
      'conflict',
      `"${running.title}" is running: cancel it (or let it end) before skipping the host`,
    );
  const open = cells.filter((cell) => ['pending', 'failed', 'unknown'].includes(cell.status));
  if (open.length === 0)
    throw new RpcError('conflict', `every sub-step of ${params.host} has finished: there is nothing to skip`);
  const reason = maskSecrets(params.reason, live.secrets.values());
  const operator = live.state.run.operator;
  return ctx.commit(live, [
    draft('rolling.hostSkipped', operator, step.key, { host: params.host, reason }),
    ...open.map((cell) => draft('step.skipped', operator, cell.key, { reason: `host skipped: ${reason}` })),
  ]);
}

export function abortRolling(ctx: RunContext, live: LiveRun, params: Params<'runs.abortRolling'>): RunUpdate {
  requireActive(live.state, 'aborting the rolling step');
  const { step } = rollingOf(live, params.stepKey);
  requireStatus(step, ['running'], 'aborting it');
  const running = live.state.steps.find(
    (cell) => cell.key.startsWith(`${step.key}@`) && cell.status === 'running',
  );
  if (running !== undefined)
    throw new RpcError('conflict', `"${running.title}" is running: cancel it (or let it end) first`);
  const reason = maskSecrets(params.reason, live.secrets.values());
  const operator = live.state.run.operator;
  return ctx.commit(live, [
    draft('rolling.aborted', operator, step.key, { reason }),
    draft('step.failed', operator, step.key, { reason: `rolling update aborted: ${reason}` }),
  ]);
}

/** A refusal of an automatic step is expected (the operator acted first); anything else is logged. */
export function quietly(ctx: RunContext, live: LiveRun, error: unknown): void {
  if (error instanceof RpcError && error.code === 'conflict') return;
  ctx.log(`run ${live.id}: the rolling step could not go on`, error);
}
