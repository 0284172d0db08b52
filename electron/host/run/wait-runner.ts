import { RpcError, type RunUpdate } from '../../../shared/contract/index';
import type { Step } from '../../../shared/runbook/index';
import { toPlainText } from '../terminal/plain-text';
import { runOnControlHost } from './control-command';
import { sendValues, stepOf, type LiveRun, type RunContext } from './run-context';
import { draft, hostActor } from './run-event-types';
import { maskSecrets, sendable } from './variables';

/**
 * Poll defaults where the runbook gives none: every 10 s, for at most 10 minutes. They suit the
 * seeds' waits (a rebooted host answering SSH, a service coming up), which take minutes.
 */
export const defaultPollIntervalSeconds = 10;
export const defaultPollTimeoutSeconds = 600;
/** A single poll attempt may not outlast this (a hung check must not stall the wait). */
const maxAttemptMs = 60_000;
/** Poll output kept per attempt in the log. */
const maxPollOutputChars = 4096;

export interface WaitPlan {
  mode: 'countdown' | 'poll';
  seconds: number;
  intervalSeconds: number;
  /** The command to poll (poll mode). */
  commandIndex: number | undefined;
}

/** How a wait step waits: polling its poll command (or its command, given an interval), else a countdown. */
export function waitPlan(step: Step): WaitPlan {
  const flagged = step.commands.findIndex((command) => command.poll);
  const anyRunnable = step.commands.findIndex((command) => command.run);
  const pollsBySpec = step.wait?.intervalSeconds !== undefined || step.wait?.timeoutSeconds !== undefined;
  const commandIndex = flagged !== -1 ? flagged : pollsBySpec && anyRunnable !== -1 ? anyRunnable : undefined;
  if (commandIndex !== undefined) {
    return {
      mode: 'poll',
      seconds: step.wait?.timeoutSeconds ?? step.wait?.seconds ?? defaultPollTimeoutSeconds,
      intervalSeconds: step.wait?.intervalSeconds ?? defaultPollIntervalSeconds,
      commandIndex,
    };
  }
  if (step.wait?.seconds !== undefined)
    return { mode: 'countdown', seconds: step.wait.seconds, intervalSeconds: 0, commandIndex: undefined };
  throw new RpcError(
    'conflict',
    `"${step.title}" has neither a countdown (wait.seconds) nor a command to poll: mark it done with evidence or skip it`,
  );
}

/** Starts the wait: step.started and wait.started, then the timer or the first poll. */
export function startWait(ctx: RunContext, live: LiveRun, stepKey: string, plan: WaitPlan): RunUpdate {
  const endsAt = new Date(Date.now() + plan.seconds * 1000).toISOString();
  const step = stepOf(live, stepKey);
  const update = ctx.commit(live, [
    draft('step.started', live.state.run.operator, stepKey, { attempt: step.attempts.length + 1 }),
    draft('wait.started', live.state.run.operator, stepKey, { mode: plan.mode, endsAt }),
  ]);
  armWait(ctx, live, stepKey, plan);
  return update;
}

/**
 * Arms a started wait (also after a restart): a countdown finishes when endsAt comes (at once if
 * it has passed); polling goes on until a check passes or endsAt passes.
 */
export function armWait(ctx: RunContext, live: LiveRun, stepKey: string, plan: WaitPlan): void {
  const wait = stepOf(live, stepKey).wait;
  if (wait === null || wait.finishedAt !== null) return;
  const remainingMs = Math.max(0, Date.parse(wait.endsAt ?? '') - Date.now() || 0);
  if (plan.mode === 'countdown') {
    const timer = setTimeout(() => finishWait(ctx, live, stepKey, false), remainingMs);
    live.waits.set(stepKey, () => clearTimeout(timer));
    return;
  }
  // Timers run on the monotonic clock: a wall-clock jump does not end a poll early or late.
  const deadline = performance.now() + remainingMs;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  live.waits.set(stepKey, () => {
    stopped = true;
    clearTimeout(timer);
  });
  const attempt = async (): Promise<void> => {
    const result = await pollOnce(ctx, live, stepKey, plan.commandIndex ?? 0);
    if (stopped || !stillWaiting(live, stepKey)) return;
    const number = (stepOf(live, stepKey).wait?.pollAttempts ?? 0) + 1;
    ctx.commit(live, [draft('wait.poll', hostActor, stepKey, { attempt: number, ...result })]);
    if (result.exitCode === 0) finishWait(ctx, live, stepKey, false);
    else if (performance.now() + plan.intervalSeconds * 1000 > deadline) finishWait(ctx, live, stepKey, true);
    else
      timer = setTimeout(
        () => void attempt().catch((error: unknown) => pollFailed(ctx, live, error)),
        plan.intervalSeconds * 1000,
      );
  };
  void attempt().catch((error: unknown) => pollFailed(ctx, live, error));
}

/** Ends a wait: succeeded when it ran out (countdown) or a poll passed; failed when polling timed out. */
export function finishWait(ctx: RunContext, live: LiveRun, stepKey: string, timedOut: boolean): void {
  live.waits.get(stepKey)?.();
  live.waits.delete(stepKey);
  if (!stillWaiting(live, stepKey)) return;
  const seconds = Math.round((Date.now() - Date.parse(stepOf(live, stepKey).wait?.startedAt ?? '')) / 1000);
  ctx.commit(live, [
    draft('wait.finished', hostActor, stepKey, { timedOut }),
    timedOut
      ? draft('step.failed', hostActor, stepKey, {
          reason: `the check did not pass within the wait (${seconds} s)`,
        })
      : draft('step.succeeded', hostActor, stepKey, { override: false }),
  ]);
}

/** Cut short by the operator, with a reason: the step succeeds and the reason is kept. */
export function cutWait(ctx: RunContext, live: LiveRun, stepKey: string, reason: string): RunUpdate {
  live.waits.get(stepKey)?.();
  live.waits.delete(stepKey);
  return ctx.commit(live, [
    draft('wait.cut', live.state.run.operator, stepKey, { reason }),
    draft('step.succeeded', live.state.run.operator, stepKey, { override: false }),
  ]);
}

export function stillWaiting(live: LiveRun, stepKey: string): boolean {
  const step = stepOf(live, stepKey);
  return step.status === 'running' && step.wait !== null && step.wait.finishedAt === null;
}

/**
 * One poll: through the shared SSH connection (the ControlMaster the run's terminal holds) for an
 * SSH control host, `sh -c` for a local one. Never through the operator's terminal.
 */
async function pollOnce(
  ctx: RunContext,
  live: LiveRun,
  stepKey: string,
  index: number,
): Promise<{ exitCode: number; output: string }> {
  const template = stepOf(live, stepKey).commands[index]?.template ?? '';
  const text = sendable(template, sendValues(live));
  const target = live.state.run.environment.controlHost;
  const result = await runOnControlHost(ctx.terminals, target, text, maxAttemptMs);
  const plain = maskSecrets(toPlainText(`${result.stdout}${result.stderr}`), live.secrets.values());
  return { exitCode: result.exitCode, output: plain.slice(-maxPollOutputChars) };
}

function pollFailed(ctx: RunContext, live: LiveRun, error: unknown): void {
  ctx.log(`run ${live.id}: a poll could not be recorded`, error);
}
