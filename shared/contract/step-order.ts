import { parseHostStepKey } from './rolling';
import type { RunHeader, StepState } from './runs';

/**
 * Order guards (docs/runs.md, "Order"): what holds a step back, for the host's rules and the run
 * screen alike. A wait that is running holds back every step after it: doing one anyway needs a
 * recorded reason, and in a live production run it is refused until the wait ends or is cut
 * short. In a live production run, doing a step while an earlier one is not done (pending,
 * running, outcome unknown) needs a recorded reason too. Steps are in runbook order; a host step
 * of a rolling step stands where its rolling step does.
 */
export interface StepHold {
  /** wait: a running wait before the step; order: earlier steps not done (production). */
  kind: 'wait' | 'order';
  /** The steps holding it back (the running waits, or the earlier steps not done). */
  blockers: Array<Pick<StepState, 'key' | 'title' | 'status'> & { endsAt: string | null }>;
  /** Refused outright (a running wait in a live production run); otherwise a reason lets it go. */
  refused: boolean;
}

type RunContext = Pick<RunHeader, 'mode'> & { environment: Pick<RunHeader['environment'], 'kind'> };
/** What a hold reads of a step: the run screen has this of every step, not the whole state. */
type OrderedStep = Pick<StepState, 'key' | 'title' | 'kind' | 'status' | 'wait'>;

export function stepHold(
  run: RunContext,
  steps: readonly OrderedStep[],
  stepKey: string,
): StepHold | undefined {
  const ownKey = parseHostStepKey(stepKey)?.stepKey ?? stepKey;
  const position = steps.findIndex((step) => step.key === ownKey);
  if (position === -1) return undefined;
  const earlier = steps.slice(0, position).filter((step) => parseHostStepKey(step.key) === undefined);
  const production = run.mode === 'live' && run.environment.kind === 'production';
  const waits = earlier.filter(
    (step) => step.kind === 'wait' && step.status === 'running' && step.wait?.finishedAt === null,
  );
  if (waits.length > 0) return { kind: 'wait', blockers: waits.map(blocker), refused: production };
  if (!production) return undefined;
  const open = earlier.filter((step) => ['pending', 'running', 'unknown'].includes(step.status));
  return open.length === 0 ? undefined : { kind: 'order', blockers: open.map(blocker), refused: false };
}

function blocker(step: OrderedStep): StepHold['blockers'][number] {
  return { key: step.key, title: step.title, status: step.status, endsAt: step.wait?.endsAt ?? null };
}

/** The hold in words, for a refusal or the run screen ("… is still waiting (2:34 left)"). */
export function describeHold(hold: StepHold, now: number): string {
  const named = hold.blockers
    .slice(0, 3)
    .map((step) => {
      if (hold.kind === 'wait') {
        const left = step.endsAt === null ? undefined : Math.max(0, Date.parse(step.endsAt) - now);
        return `"${step.title}" is still waiting${left === undefined ? '' : ` (${clock(left)} left)`}`;
      }
      return `"${step.title}" (${step.status})`;
    })
    .join(', ');
  const more = hold.blockers.length > 3 ? ` and ${hold.blockers.length - 3} more` : '';
  return hold.kind === 'wait' ? `${named}${more}` : `earlier steps are not done: ${named}${more}`;
}

function clock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
