import type { Attempt, RunDetail, RunEvent, StepState, StepStatus } from '../../../shared/contract/index';
import type { Runbook } from '../../../shared/runbook/index';
import type { EventPayloads, RunEventType } from './run-event-types';
import { countSteps, currentStepKey, initialState } from './run-initial-state';
import { rollingAppliers, trackService } from './rolling-reducer';
import { approvalAppliers } from '../approval/approval-reducer';
import { substitute } from './variables';

/**
 * The run's state as a pure fold of its events. The engine validates actions before it appends
 * their events; the reducer only applies what the log says, so replaying a log always gives the
 * state the engine stored (a test checks fold(events) equals the cached state).
 */
export function foldEvents(runbook: Runbook, runId: string, events: readonly RunEvent[]): RunDetail {
  const [created, ...rest] = events;
  if (created?.type !== 'run.created')
    throw new Error(`run ${runId}: the log does not start with run.created`);
  return applyEvents(initialState(runbook, runId, created), rest);
}

/**
 * A new state with the events applied (the given state is not changed). Copy on write: only the
 * steps the events touch are copied, so a run with thousands of host steps appends in time
 * proportional to what changed; a step object that is the same in both states did not change.
 */
export function applyEvents(state: RunDetail, events: readonly RunEvent[]): RunDetail {
  const next: RunDetail = {
    run: structuredClone(state.run),
    steps: [...state.steps],
    notes: [...state.notes],
  };
  let index = new Map(next.steps.map((step, position) => [step.key, position]));
  const copied = new Set<number>();
  const stepAt = (key: string): StepState | undefined => {
    const position = index.get(key);
    if (position === undefined) return undefined;
    if (!copied.has(position)) {
      next.steps[position] = structuredClone(next.steps[position] as StepState);
      copied.add(position);
    }
    return next.steps[position];
  };
  const peek = (key: string): StepState | undefined => {
    const position = index.get(key);
    return position === undefined ? undefined : next.steps[position];
  };
  for (const event of events) {
    applyOne(next, stepAt, event);
    trackService(event, peek, stepAt);
    // Its shallow copies share attempts with the old state: copy them again before a change.
    if (event.type === 'variable.changed') copied.clear();
    if (event.type === 'rolling.planned') {
      index = new Map(next.steps.map((step, position) => [step.key, position]));
      for (let position = state.steps.length; position < next.steps.length; position += 1)
        copied.add(position);
    }
  }
  next.run.counts = countSteps(next.steps);
  next.run.currentStepKey = currentStepKey(next.steps);
  return next;
}

type Applier<T extends RunEventType> = (
  state: RunDetail,
  event: RunEvent,
  payload: EventPayloads[T],
  step: StepState | undefined,
) => void;
type Appliers = { [T in RunEventType]: Applier<T> };

function applyOne(state: RunDetail, stepAt: (key: string) => StepState | undefined, event: RunEvent): void {
  const step = event.stepKey === null ? undefined : stepAt(event.stepKey);
  const apply = (appliers as Partial<Record<string, Applier<RunEventType>>>)[event.type];
  apply?.(state, event, event.payload as never, step);
  state.run.eventCount = event.seq + 1;
  state.run.headHash = event.hash;
}

const appliers: Appliers = {
  'run.created': () => undefined,
  'run.paused': (state, event) => {
    state.run.status = 'paused';
    state.run.pausedAt = event.at;
  },
  'run.resumed': (state, event) => {
    const since = state.run.pausedAt === null ? event.at : state.run.pausedAt;
    // The wall clock may jump backwards; a pause never counts negative.
    state.run.pausedSeconds += Math.max(0, (Date.parse(event.at) - Date.parse(since)) / 1000);
    state.run.status = 'active';
    state.run.pausedAt = null;
  },
  'run.handover': (state, event, payload) => {
    state.run.operator = payload.to;
    state.run.operators.push({ name: payload.to, from: event.at });
  },
  'run.finished': (state, event) => {
    state.run.status = 'completed';
    state.run.endedAt = event.at;
  },
  'run.aborted': (state, event) => {
    state.run.status = 'aborted';
    state.run.endedAt = event.at;
  },
  'variable.changed': (state, _event, payload) => {
    state.run.variables[payload.name] = payload.value;
    state.steps = state.steps.map((step) => ({
      ...step,
      commands: step.commands.map((command) => ({
        ...command,
        text: substitute(command.template, state.run.variables),
      })),
    }));
  },
  'secrets.supplied': () => undefined,
  'terminal.opened': (state, _event, payload) => {
    state.run.terminalId = payload.terminalId;
  },
  'step.started': (state, event, payload, step) => {
    if (step === undefined) return;
    step.status = 'running';
    step.startedAt ??= event.at;
    step.endedAt = null;
    step.attempts.push(newAttempt(payload.attempt, event, state.run.operator));
  },
  'command.sent': (_state, event, payload, step) => {
    const attempt = step === undefined ? undefined : openAttempt(step);
    attempt?.commands.push({
      index: payload.index,
      text: payload.text,
      startedAt: event.at,
      endedAt: null,
      exitCode: null,
      outcome: 'running',
      output: '',
      outputTruncated: false,
      terminalId: payload.terminalId,
      terminalSeq: null,
      problems: [],
    });
  },
  'command.finished': (_state, event, payload, step) => {
    const record =
      step === undefined ? undefined : openAttempt(step)?.commands.findLast((c) => c.index === payload.index);
    if (record === undefined) return;
    Object.assign(record, {
      endedAt: event.at,
      exitCode: payload.exitCode,
      outcome: payload.outcome,
      output: payload.output,
      outputTruncated: payload.outputTruncated,
      terminalSeq: payload.terminalSeq,
      problems: payload.problems,
    });
    // Only events written since blocks run command by command carry these (older logs fold as before).
    if (payload.parts !== undefined) record.parts = payload.parts;
    if (payload.notRun !== undefined) record.notRun = payload.notRun;
  },
  'command.lost': (_state, event, _payload, step) => {
    for (const record of (step === undefined ? undefined : openAttempt(step))?.commands ?? []) {
      if (record.outcome !== 'running') continue;
      record.outcome = 'unknown';
      record.endedAt = event.at;
    }
  },
  'command.cancelled': () => undefined,
  'command.edited': (state, _event, payload, step) => {
    const command = step?.commands[payload.index];
    if (command === undefined) return;
    command.template = payload.template;
    command.text = substitute(payload.template, state.run.variables);
    command.edited = true;
  },
  'step.succeeded': (state, event, _payload, step) => end(state, event, step, 'succeeded'),
  'step.failed': (state, event, payload, step) => {
    end(state, event, step, 'failed');
    if (step !== undefined) step.failReason = payload.reason;
  },
  'step.skipped': (state, event, payload, step) => {
    end(state, event, step, 'skipped');
    if (step !== undefined) step.skipReason = payload.reason;
  },
  'step.unknown': (state, event, payload, step) => {
    end(state, event, step, 'unknown');
    if (step !== undefined) step.unknownReason = payload.reason;
  },
  'step.retried': (_state, _event, _payload, step) => {
    if (step === undefined) return;
    Object.assign(step, { status: 'pending', endedAt: null, wait: null, signoff: null });
    if (step.rolling !== undefined) step.rolling.abortReason = null;
    clearReasons(step);
  },
  'step.outOfOrder': (_state, event, payload, step) => {
    if (step === undefined) return;
    step.outOfOrder = [
      ...(step.outOfOrder ?? []),
      { at: event.at, author: event.actor, reason: payload.reason, kind: payload.kind },
    ];
  },
  // The log keeps the gap (the report lists it); the state has nothing to change.
  'transcript.gap': () => undefined,
  'note.added': (state, event, payload, step) => {
    state.notes.push({
      seq: event.seq,
      at: event.at,
      author: event.actor,
      stepKey: event.stepKey,
      text: payload.text,
    });
    if (step !== undefined) step.noteCount += 1;
  },
  'evidence.added': (_state, event, payload, step) => {
    step?.evidence.push({ at: event.at, author: event.actor, text: payload.text });
  },
  'backup.recorded': (_state, event, payload, step) => {
    step?.backups.push({ at: event.at, author: event.actor, ...payload });
  },
  'wait.started': (_state, event, payload, step) => {
    if (step === undefined) return;
    step.wait = {
      mode: payload.mode,
      startedAt: event.at,
      endsAt: payload.endsAt,
      finishedAt: null,
      pollAttempts: 0,
      lastExitCode: null,
      cutReason: null,
      timedOut: false,
    };
  },
  'wait.poll': (_state, _event, payload, step) => {
    if (step?.wait === undefined || step.wait === null) return;
    step.wait.pollAttempts = payload.attempt;
    step.wait.lastExitCode = payload.exitCode;
    // Events written before polls ran in the run shell's environment fold as they did.
    if (payload.inRunShell !== undefined) {
      step.wait.lastOutput = payload.output;
      step.wait.inRunShell = payload.inRunShell;
    }
  },
  'wait.finished': (_state, event, payload, step) => {
    if (step?.wait === undefined || step.wait === null) return;
    step.wait.finishedAt = event.at;
    step.wait.timedOut = payload.timedOut;
  },
  'wait.cut': (_state, event, payload, step) => {
    if (step?.wait === undefined || step.wait === null) return;
    step.wait.finishedAt = event.at;
    step.wait.cutReason = payload.reason;
  },
  'gate.signed': (_state, event, payload, step) => {
    if (step !== undefined) step.signoff = { name: payload.name, role: payload.role, at: event.at };
  },
  // A sign-off changes no step: it is in the log (its hash chain and head) and nowhere else, so a
  // run state folded from an older log without such events is the same as it was.
  'signoff.recorded': () => undefined,
  ...rollingAppliers,
  ...approvalAppliers,
};

function newAttempt(number: number, event: RunEvent, operator: string): Attempt {
  return { number, startedAt: event.at, endedAt: null, operator, commands: [], outcome: 'running' };
}

/** The attempt in progress: the last one, if it has not ended. */
function openAttempt(step: StepState): Attempt | undefined {
  const last = step.attempts.at(-1);
  return last !== undefined && last.endedAt === null ? last : undefined;
}

/**
 * An outcome ends the attempt in progress; an outcome given without one (an instruction marked
 * done, a pending step skipped) is recorded as an attempt of its own, so attempts tell who decided.
 */
function end(state: RunDetail, event: RunEvent, step: StepState | undefined, outcome: StepStatus): void {
  if (step === undefined) return;
  const attempt = openAttempt(step) ?? newAttempt(step.attempts.length + 1, event, state.run.operator);
  if (!step.attempts.includes(attempt)) step.attempts.push(attempt);
  attempt.endedAt = event.at;
  attempt.outcome = outcome;
  step.status = outcome;
  step.endedAt = event.at;
  step.startedAt ??= event.at;
  clearReasons(step);
}

function clearReasons(step: StepState): void {
  step.skipReason = null;
  step.failReason = null;
  step.unknownReason = null;
}
