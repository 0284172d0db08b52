import { RpcError, type RunUpdate } from '../../../shared/contract/index';
import type { Step } from '../../../shared/runbook/index';
import { toPlainText } from '../terminal/plain-text';
import { runOnControlHost, type ShellEnvironment } from './control-command';
import { sendValues, stepOf, type LiveRun, type RunContext } from './run-context';
import { draft, hostActor, type EventDraft } from './run-event-types';
import { maskSecrets, substitute } from './variables';

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
export function startWait(
  ctx: RunContext,
  live: LiveRun,
  stepKey: string,
  plan: WaitPlan,
  prefix: readonly EventDraft[] = [],
): RunUpdate {
  const endsAt = new Date(Date.now() + plan.seconds * 1000).toISOString();
  const step = stepOf(live, stepKey);
  const update = ctx.commit(live, [
    ...prefix,
    draft('step.started', live.state.run.operator, stepKey, { attempt: step.attempts.length + 1 }),
    draft('wait.started', live.state.run.operator, stepKey, { mode: plan.mode, endsAt }),
  ]);
  armWait(ctx, live, stepKey, plan);
  return update;
}

/**
 * Arms a started wait (also after a restart or a resume): a countdown finishes when endsAt comes
 * (at once if it has passed; a pause does not stop it, since the time it waits for is the
 * system's, not the operator's); polling goes on until a check passes or endsAt passes, and not
 * while the run is paused.
 */
export function armWait(ctx: RunContext, live: LiveRun, stepKey: string, plan: WaitPlan): void {
  const wait = stepOf(live, stepKey).wait;
  if (wait === null || wait.finishedAt !== null) return;
  const remainingMs = Math.max(0, Date.parse(wait.endsAt ?? '') - Date.now() || 0);
  if (plan.mode === 'countdown') {
    const timer = setTimeout(() => finishWait(ctx, live, stepKey, false), remainingMs);
    live.waits.set(stepKey, { mode: 'countdown', stop: () => clearTimeout(timer) });
    return;
  }
  if (live.state.run.status === 'paused') return; // runs.resume arms it again
  // Timers run on the monotonic clock: a wall-clock jump does not end a poll early or late.
  const deadline = performance.now() + remainingMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const abort = new AbortController();
  live.waits.set(stepKey, {
    mode: 'poll',
    stop: () => {
      abort.abort();
      clearTimeout(timer);
    },
  });
  const attempt = async (): Promise<void> => {
    // The last attempt may run at the deadline itself, never past it.
    const leftMs = deadline - performance.now();
    const result = await pollOnce(ctx, live, stepKey, plan.commandIndex ?? 0, {
      timeoutMs: Math.round(Math.max(1000, Math.min(maxAttemptMs, leftMs))),
      signal: abort.signal,
    });
    if (abort.signal.aborted || !stillWaiting(live, stepKey)) return;
    const number = (stepOf(live, stepKey).wait?.pollAttempts ?? 0) + 1;
    ctx.commit(live, [draft('wait.poll', hostActor, stepKey, { attempt: number, ...result })]);
    const now = performance.now();
    if (result.exitCode === 0) finishWait(ctx, live, stepKey, false);
    else if (now >= deadline - timerSlackMs) finishWait(ctx, live, stepKey, true, plan.seconds);
    else
      timer = setTimeout(
        () => void attempt().catch((error: unknown) => pollFailed(ctx, live, error)),
        Math.min(plan.intervalSeconds * 1000, deadline - now),
      );
  };
  void attempt().catch((error: unknown) => pollFailed(ctx, live, error));
}

/**
 * A timer may fire a millisecond or so early (Node rounds); an attempt scheduled for the
 * deadline counts as at it.
 */
const timerSlackMs = 5;

/** Pausing the run stops its polls (an attempt in flight is abandoned); resume arms them again. */
export function pausePolls(live: LiveRun): void {
  for (const [stepKey, wait] of live.waits) {
    if (wait.mode !== 'poll') continue;
    wait.stop();
    live.waits.delete(stepKey);
  }
}

export function resumePolls(ctx: RunContext, live: LiveRun): void {
  for (const step of live.state.steps) {
    const spec = live.steps.get(step.key);
    if (
      step.kind !== 'wait' ||
      spec === undefined ||
      !stillWaiting(live, step.key) ||
      live.waits.has(step.key)
    )
      continue;
    const plan = waitPlan(spec);
    if (plan.mode === 'poll') armWait(ctx, live, step.key, plan);
  }
}

/**
 * Ends a wait: succeeded when it ran out (countdown) or a poll passed; failed when polling timed
 * out, saying after how long the runbook allowed (`timeoutSeconds`).
 */
export function finishWait(
  ctx: RunContext,
  live: LiveRun,
  stepKey: string,
  timedOut: boolean,
  timeoutSeconds?: number,
): void {
  live.waits.get(stepKey)?.stop();
  live.waits.delete(stepKey);
  if (!stillWaiting(live, stepKey)) return;
  const attempts = stepOf(live, stepKey).wait?.pollAttempts ?? 0;
  ctx.commit(live, [
    draft('wait.finished', hostActor, stepKey, { timedOut }),
    timedOut
      ? draft('step.failed', hostActor, stepKey, {
          reason: `the check did not pass within the wait's ${timeoutSeconds ?? '?'} s (${attempts} attempt${attempts === 1 ? '' : 's'})`,
        })
      : draft('step.succeeded', hostActor, stepKey, { override: false }),
  ]);
}

/** Cut short by the operator, with a reason: the step succeeds and the reason is kept. */
export function cutWait(ctx: RunContext, live: LiveRun, stepKey: string, reason: string): RunUpdate {
  live.waits.get(stepKey)?.stop();
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
 * One poll, in the background (never typed into the operator's terminal): through the shared SSH
 * connection for an SSH control host, locally otherwise, with the run shell's folder and
 * exported variables when its terminal is open and reported them (docs/runs.md, "Waits").
 */
async function pollOnce(
  ctx: RunContext,
  live: LiveRun,
  stepKey: string,
  index: number,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<{ exitCode: number; output: string; inRunShell: boolean }> {
  const template = stepOf(live, stepKey).commands[index]?.template ?? '';
  const text = substitute(template, sendValues(live));
  const target = live.state.run.environment.controlHost;
  const environment = runShellEnvironment(ctx, live);
  const result = await runOnControlHost(ctx.terminals, target, text, options.timeoutMs, {
    environment,
    signal: options.signal,
  });
  const plain = maskSecrets(toPlainText(`${result.stdout}${result.stderr}`), live.secrets.values());
  return {
    exitCode: result.exitCode,
    output: plain.slice(-maxPollOutputChars),
    inRunShell: environment !== undefined,
  };
}

/** The run terminal's shell as it last reported itself; undefined when it is not open or silent. */
function runShellEnvironment(ctx: RunContext, live: LiveRun): ShellEnvironment | undefined {
  const id = live.state.run.terminalId;
  if (id === null) return undefined;
  try {
    const session = ctx.terminals.session(id);
    const snapshot = session.snapshotOfShell;
    const shell = session.shellKind;
    if (snapshot === undefined || shell === undefined || session.snapshot().status !== 'connected')
      return undefined;
    return { shell, cwd: snapshot.cwd, exports: snapshot.exports };
  } catch {
    return undefined;
  }
}

function pollFailed(ctx: RunContext, live: LiveRun, error: unknown): void {
  ctx.log(`run ${live.id}: a poll could not be recorded`, error);
}
