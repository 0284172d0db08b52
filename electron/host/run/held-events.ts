import type { RunFault } from '../../../shared/contract/index';
import type { LiveRun } from './run-context';
import type { EventDraft } from './run-event-types';

/**
 * How often events that could not be committed are tried again. A full disk is freed by a
 * person, so 2 s records them soon after without a busy loop against a failing disk.
 */
export const heldRetryMs = 2000;

interface Held {
  kind: RunFault['kind'];
  stepKey: string | null;
  /** What the events record, for the messages ("the outcome of step “Pull images”"). */
  what: string;
  drafts: readonly EventDraft[];
}

export interface HeldEventsDeps {
  /** Appends the events now (throws when the database refuses them). */
  commitNow(live: LiveRun, drafts: readonly EventDraft[]): void;
  /** Tells every client (runs.fault). */
  say(fault: RunFault): void;
  log(message: string, error?: unknown): void;
}

/**
 * Events the host produced by itself (a command's outcome, a transcript gap) that the database
 * refused (issue 18): they are not dropped. They wait here in order and are committed again
 * every `heldRetryMs`, and before any other event of the run, so the log never records a later
 * action before an earlier outcome. Every client is told when they are held and when written.
 */
export class HeldEvents {
  private readonly queues = new Map<string, Held[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(private readonly deps: HeldEventsDeps) {}

  /** Keeps events a commit refused with `error`, says so, and tries again later. */
  hold(live: LiveRun, held: Held, error: unknown): void {
    const queue = this.queues.get(live.id) ?? [];
    queue.push(held);
    this.queues.set(live.id, queue);
    this.deps.log(`run ${live.id}: ${held.what} could not be recorded; held and tried again`, error);
    this.deps.say({
      runId: live.id,
      kind: held.kind,
      state: 'failing',
      stepKey: held.stepKey,
      message: `${held.what} is not recorded yet: ${messageOf(error)}. Handrail holds it and writes it again every ${heldRetryMs / 1000} s; free space where the data folder is.`,
      heldBytes: 0,
      lostBytes: 0,
    });
    this.schedule(live);
  }

  /** Whether anything is held for the run. */
  holds(live: LiveRun): boolean {
    return (this.queues.get(live.id)?.length ?? 0) > 0;
  }

  /**
   * Commits what is held for the run, oldest first. Answers undefined when nothing is left, or
   * why an action must wait (the first held record and the error).
   */
  flush(live: LiveRun): string | undefined {
    const queue = this.queues.get(live.id);
    while (queue !== undefined && queue.length > 0) {
      const next = queue[0] as Held;
      try {
        this.deps.commitNow(live, next.drafts);
      } catch (error) {
        this.schedule(live);
        return `${next.what} is not recorded yet (${messageOf(error)}): free space where the data folder is; Handrail writes it again every ${heldRetryMs / 1000} s and then takes this action`;
      }
      queue.shift();
      this.deps.say({
        runId: live.id,
        kind: next.kind,
        state: 'recovered',
        stepKey: next.stepKey,
        message: `${next.what} is recorded now.`,
        heldBytes: 0,
        lostBytes: 0,
      });
    }
    this.queues.delete(live.id);
    return undefined;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(live: LiveRun): void {
    if (this.stopped || this.timers.has(live.id)) return;
    const timer = setTimeout(() => {
      this.timers.delete(live.id);
      this.flush(live);
    }, heldRetryMs);
    timer.unref?.();
    this.timers.set(live.id, timer);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
