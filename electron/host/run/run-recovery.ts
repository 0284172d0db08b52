import { awaitingBackupRecord } from './run-rules';
import type { LiveRun, RunContext } from './run-context';
import { draft, hostActor, type EventDraft } from './run-event-types';
import { armWait, waitPlan } from './wait-runner';

export const restartReason = 'the app stopped while this command ran: check the host and mark the outcome';

/**
 * After a host start: a running step whose command was in flight (or between two of its
 * commands) gets command.lost and step.unknown, so the operator verifies it; a started wait is
 * armed again (and finishes at once if its end has passed); a backup whose commands passed and
 * that waits for its record keeps waiting.
 */
export function recoverRun(ctx: RunContext, live: LiveRun): void {
  const drafts: EventDraft[] = [];
  for (const step of live.state.steps) {
    // A rolling step runs for as long as its batches do; its host steps are judged one by one.
    if (step.status !== 'running' || step.kind === 'rolling') continue;
    const spec = live.steps.get(step.key);
    if (step.kind === 'wait' && step.wait !== null && spec !== undefined) continue;
    if (awaitingBackupRecord(step)) continue;
    const inFlight = step.attempts.at(-1)?.commands.some((command) => command.outcome === 'running') ?? false;
    if (inFlight) drafts.push(draft('command.lost', hostActor, step.key, { reason: restartReason }));
    drafts.push(draft('step.unknown', hostActor, step.key, { reason: restartReason }));
  }
  if (drafts.length > 0) ctx.commit(live, drafts);
  for (const step of live.state.steps) {
    const spec = live.steps.get(step.key);
    if (step.status === 'running' && step.kind === 'wait' && step.wait !== null && spec !== undefined)
      armWait(ctx, live, step.key, waitPlan(spec));
  }
}
