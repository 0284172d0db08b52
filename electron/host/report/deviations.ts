import {
  parseHostStepKey,
  type Deviation,
  type RunEvent,
  type StepState,
} from '../../../shared/contract/index';
import { hostActor, type EventPayloads, type RunEventType } from '../run/run-event-types';

/**
 * The deviations of a run, read from its event log alone (so a local run and an imported bundle
 * give the same list), in the order they happened. One rule:
 *
 * - every override is listed, however the run ended: a step marked done by hand after it failed,
 *   after an unknown outcome, or with evidence instead of its commands' result; a step retried
 *   after an unknown outcome (its first attempt may have done its work); a command edited, with
 *   its old and new text; a wait cut short; a step run while a wait or earlier steps held it back
 *   (with the operator's reason); a variable changed; a host of a rolling step skipped; terminal
 *   output the host could not record (a transcript gap);
 * - an outcome that is not success (skipped, failed, unknown) is listed when the step ended with
 *   it: a failure that was retried and then passed is the runbook working as written, and the
 *   step's attempts show it.
 *
 * The host steps a skipped host leaves are its one `host-skipped` deviation, not one each.
 */
export function deviationsOf(
  steps: readonly Pick<StepState, 'key' | 'title'>[],
  events: readonly RunEvent[],
): Deviation[] {
  const reader = new DeviationReader(steps, events);
  for (const event of events) reader.read(event);
  return reader.found;
}

/**
 * The event types deviationsOf reads (every other type passes it by): a report of a long run
 * loads only these from the log (EventLog.eventsOfTypes), not the command output events. Each
 * has a handler below and no other type has one (the handlers' type says so).
 */
export const deviationEventTypes = [
  'run.created',
  'variable.changed',
  'command.edited',
  'transcript.gap',
  'evidence.added',
  'wait.started',
  'wait.cut',
  'step.outOfOrder',
  'rolling.hostSkipped',
  'step.started',
  'step.retried',
  'step.succeeded',
  'step.failed',
  'step.unknown',
  'step.skipped',
] as const satisfies readonly RunEventType[];
type DeviationEventType = (typeof deviationEventTypes)[number];

type Outcome = { status: 'running' | 'succeeded' | 'failed' | 'skipped' | 'unknown'; reason: string };

interface StepMemory {
  outcome: Outcome | null;
  /** Evidence added since the step was last retried (what a "marked done" rests on). */
  evidence: string[];
  waitEndsAt: string | null;
}

/** Events that open or close an attempt: the last of these per step is where the step ended. */
const outcomeTypes = new Set<string>([
  'step.started',
  'step.retried',
  'step.succeeded',
  'step.failed',
  'step.skipped',
  'step.unknown',
] satisfies DeviationEventType[]);

class DeviationReader {
  readonly found: Deviation[] = [];
  private readonly titles: Map<string, string>;
  private readonly lastOutcomeSeq = new Map<string, number>();
  private readonly memory = new Map<string, StepMemory>();
  private readonly skippedHosts = new Set<string>();
  private variables: Record<string, string> = {};

  constructor(steps: readonly Pick<StepState, 'key' | 'title'>[], events: readonly RunEvent[]) {
    this.titles = new Map(steps.map((step) => [step.key, step.title]));
    for (const event of events)
      if (event.stepKey !== null && outcomeTypes.has(event.type))
        this.lastOutcomeSeq.set(event.stepKey, event.seq);
  }

  read(event: RunEvent): void {
    const handler = (this.handlers as Partial<Record<string, (event: RunEvent) => void>>)[event.type];
    handler?.(event);
  }

  private readonly handlers: { [T in DeviationEventType]: (event: RunEvent) => void } = {
    'run.created': (event) => {
      this.variables = { ...payload<'run.created'>(event).variables };
    },
    'variable.changed': (event) => {
      const { name, value, secret, reason } = payload<'variable.changed'>(event);
      const before = this.variables[name];
      this.variables[name] = value;
      const change = secret
        ? 'changed (a secret: values not shown)'
        : `changed from ${quoted(before ?? '')} to ${quoted(value)}`;
      this.add(event, 'variable-changed', `${name} ${change}${because(reason)}`);
    },
    'command.edited': (event) => {
      const { index, oldText, newText, reason } = payload<'command.edited'>(event);
      this.add(
        event,
        'edited',
        `command ${index + 1} changed from ${quoted(oldText)} to ${quoted(newText)}${because(reason)}`,
      );
    },
    'transcript.gap': (event) => {
      const { bytes, fromByte, reason } = payload<'transcript.gap'>(event);
      this.add(
        event,
        'transcript-gap',
        `${bytes} bytes of the terminal's output (from byte ${fromByte} of its transcript) were not recorded: ${reason}`,
      );
    },
    'evidence.added': (event) => {
      this.stepMemory(event).evidence.push(payload<'evidence.added'>(event).text);
    },
    'wait.started': (event) => {
      this.stepMemory(event).waitEndsAt = payload<'wait.started'>(event).endsAt;
    },
    'wait.cut': (event) => {
      const endsAt = this.stepMemory(event).waitEndsAt;
      const left =
        endsAt === null ? null : Math.max(0, Math.round((Date.parse(endsAt) - Date.parse(event.at)) / 1000));
      const early = left === null ? 'cut short' : `cut short with ${left} s still to wait`;
      this.add(event, 'wait-cut', `${early}: ${payload<'wait.cut'>(event).reason}`);
    },
    'step.outOfOrder': (event) => {
      const { reason, kind, heldBy } = payload<'step.outOfOrder'>(event);
      const holders = heldBy.map((key) => `“${this.titles.get(key) ?? key}”`).join(', ');
      const what =
        kind === 'wait'
          ? `run while the wait ${holders} was still counting down`
          : `run before ${holders} were done`;
      this.add(event, 'out-of-order', `${what}${because(reason)}`);
    },
    'rolling.hostSkipped': (event) => {
      const { host, reason } = payload<'rolling.hostSkipped'>(event);
      this.skippedHosts.add(`${event.stepKey ?? ''}@${host}`);
      this.add(
        event,
        'host-skipped',
        `host not updated: ${reason}`,
        event.stepKey,
        `${this.title(event)}: ${host}`,
      );
    },
    'step.started': (event) => {
      this.stepMemory(event).outcome = { status: 'running', reason: '' };
    },
    'step.retried': (event) => {
      const memory = this.stepMemory(event);
      if (memory.outcome?.status === 'unknown')
        this.add(
          event,
          'retried-after-unknown',
          `outcome unknown (${memory.outcome.reason}), then retried as attempt ${payload<'step.retried'>(event).attempt}: its first attempt may already have done its work`,
        );
      memory.outcome = null;
      memory.evidence = [];
    },
    'step.succeeded': (event) => {
      const memory = this.stepMemory(event);
      const before = memory.outcome;
      const byHand = event.actor !== hostActor;
      const afterTrouble = before?.status === 'failed' || before?.status === 'unknown';
      if (byHand && (payload<'step.succeeded'>(event).override || afterTrouble)) {
        const evidence = memory.evidence.length === 0 ? 'none recorded' : memory.evidence.join(' · ');
        const what = afterTrouble
          ? `${priorOutcome(before)}, then marked done by hand`
          : 'marked done by hand instead of by its commands’ result';
        this.add(event, 'override', `${what}; evidence: ${evidence}`);
      }
      memory.outcome = { status: 'succeeded', reason: '' };
    },
    'step.failed': (event) => {
      const { reason } = payload<'step.failed'>(event);
      this.endWith(
        event,
        { status: 'failed', reason },
        event.actor === hostActor ? reason : `marked failed by hand: ${reason}`,
      );
    },
    'step.unknown': (event) => {
      const { reason } = payload<'step.unknown'>(event);
      this.endWith(event, { status: 'unknown', reason }, reason);
    },
    'step.skipped': (event) => {
      const { reason } = payload<'step.skipped'>(event);
      const host = event.stepKey === null ? undefined : parseHostStepKey(event.stepKey);
      const ofSkippedHost = host !== undefined && this.skippedHosts.has(`${host.stepKey}@${host.host}`);
      const before = this.stepMemory(event).outcome;
      const detail =
        before?.status === 'failed' || before?.status === 'unknown'
          ? `${priorOutcome(before)}, then skipped: ${reason}`
          : reason;
      this.endWith(event, { status: 'skipped', reason }, ofSkippedHost ? null : detail);
    },
  };

  /** Records the step's outcome; lists it when the step ended with it (and `detail` is not null). */
  private endWith(event: RunEvent, outcome: Outcome, detail: string | null): void {
    this.stepMemory(event).outcome = outcome;
    const final = event.stepKey !== null && this.lastOutcomeSeq.get(event.stepKey) === event.seq;
    if (final && detail !== null) this.add(event, outcome.status as Deviation['kind'], detail);
  }

  private add(
    event: RunEvent,
    kind: Deviation['kind'],
    detail: string,
    stepKey: string | null = event.stepKey,
    stepTitle = this.title(event),
  ): void {
    this.found.push({ stepKey, stepTitle, kind, at: event.at, detail });
  }

  private title(event: RunEvent): string {
    return event.stepKey === null ? '' : (this.titles.get(event.stepKey) ?? event.stepKey);
  }

  private stepMemory(event: RunEvent): StepMemory {
    const key = event.stepKey ?? '';
    let memory = this.memory.get(key);
    if (memory === undefined) {
      memory = { outcome: null, evidence: [], waitEndsAt: null };
      this.memory.set(key, memory);
    }
    return memory;
  }
}

function payload<T extends RunEventType>(event: RunEvent): EventPayloads[T] {
  return (event.payload ?? {}) as EventPayloads[T];
}

function priorOutcome(outcome: Outcome | null): string {
  if (outcome?.status === 'failed') return `failed (${outcome.reason})`;
  if (outcome?.status === 'unknown') return `outcome unknown (${outcome.reason})`;
  return outcome?.status ?? 'pending';
}

/** A command or value as written, in backticks (renderers escape it for their format). */
function quoted(text: string): string {
  return `\`${text}\``;
}

function because(reason: string | null | undefined): string {
  return typeof reason === 'string' && reason.length > 0 ? ` (${reason})` : '';
}
