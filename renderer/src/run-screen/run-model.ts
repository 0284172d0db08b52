import type {
  Note,
  RunDetail,
  RunHeader,
  RunOpen,
  RunUpdate,
  StepDetail,
  StepState,
  StepSummary,
} from '../../../shared/contract/index';
import type { Step } from '../../../shared/runbook/index';

/**
 * A step as the list, the grid and the order guards read it: what `runs.get` sends of every step
 * (shared/contract/run-view.ts), with its left-out defaults filled in.
 */
export type StepView = Pick<
  StepState,
  | 'key'
  | 'phaseIndex'
  | 'title'
  | 'kind'
  | 'status'
  | 'destructive'
  | 'optional'
  | 'noteCount'
  | 'startedAt'
  | 'endedAt'
  | 'failReason'
  | 'skipReason'
  | 'unknownReason'
  | 'wait'
  | 'rolling'
> & {
  /** The exit code of its last attempt's last command, once that ended. */
  exitCode: number | null;
};

/**
 * The run as this window knows it: what opening it sent, the steps opened since in full, and
 * every later update merged in. Updates come both as action answers and as `runs.changed`
 * broadcasts, possibly out of order; each step remembers the event count of what set it, so an
 * older copy never replaces a newer one.
 */
export interface RunModel {
  run: RunHeader;
  steps: StepView[];
  /** Steps known in full (opened, current or running, or sent by an update), by key. */
  details: ReadonlyMap<string, StepState>;
  /** What the runbook says of each step known in full (the plan kept with the run). */
  specs: ReadonlyMap<string, Step | null>;
  notes: Note[];
  indexByKey: ReadonlyMap<string, number>;
  stepVersions: ReadonlyMap<string, number>;
}

/** The model of an opened run (`runs.get`). */
export function modelOf(open: RunOpen): RunModel {
  const model = emptyModel(open.run, open.steps.map(viewOfSummary), open.notes);
  return open.details.reduce(mergeDetail, model);
}

/** The model of a whole recorded run (review mode): every step is known in full. */
export function modelOfDetail(detail: RunDetail): RunModel {
  const model = emptyModel(detail.run, detail.steps.map(viewOfStep), detail.notes);
  return { ...model, details: new Map(detail.steps.map((step) => [step.key, step])) };
}

function emptyModel(run: RunHeader, steps: StepView[], notes: Note[]): RunModel {
  return {
    run,
    steps,
    details: new Map(),
    specs: new Map(),
    notes: sortNotes(notes),
    indexByKey: new Map(steps.map((step, index) => [step.key, index])),
    stepVersions: new Map(steps.map((step) => [step.key, run.eventCount])),
  };
}

export function mergeUpdate(model: RunModel, update: RunUpdate): RunModel {
  if (update.run.id !== model.run.id) return model;
  const run = update.run.eventCount >= model.run.eventCount ? update.run : model.run;
  const merged = mergeSteps(model, update.steps, update.run.eventCount);
  const notes = mergeNotes(model.notes, update.notes);
  if (run === model.run && merged === model && notes === model.notes) return model;
  return { ...merged, run, notes };
}

/** A step read in full (`runs.step`, or with the open); a newer update of it wins. */
export function mergeDetail(model: RunModel, detail: StepDetail): RunModel {
  const { key } = detail.step;
  const merged = mergeSteps(model, [detail.step], detail.eventCount);
  const specs = new Map(model.specs).set(key, detail.spec);
  return { ...merged, specs, notes: mergeNotes(model.notes, detail.notes) };
}

/** Puts full steps into the list and the details, unless a newer copy of one is there already. */
function mergeSteps(model: RunModel, full: readonly StepState[], version: number): RunModel {
  let steps = model.steps;
  let details = model.details;
  let stepVersions = model.stepVersions;
  let indexByKey = model.indexByKey;
  for (const step of full) {
    let index = indexByKey.get(step.key);
    if (index !== undefined && (stepVersions.get(step.key) ?? -1) > version) continue;
    if (steps === model.steps) steps = [...model.steps];
    if (details === model.details) details = new Map(model.details);
    if (stepVersions === model.stepVersions) stepVersions = new Map(model.stepVersions);
    if (index === undefined) {
      // A rolling step planned after the load: its host steps are new to this window.
      if (indexByKey === model.indexByKey) indexByKey = new Map(model.indexByKey);
      index = steps.length;
      (indexByKey as Map<string, number>).set(step.key, index);
    }
    steps[index] = viewOfStep(step);
    (details as Map<string, StepState>).set(step.key, step);
    (stepVersions as Map<string, number>).set(step.key, version);
  }
  if (steps === model.steps) return model;
  return { ...model, steps, details, stepVersions, indexByKey };
}

function mergeNotes(notes: Note[], more: readonly Note[]): Note[] {
  const known = new Set(notes.map((note) => note.seq));
  const added = more.filter((note) => !known.has(note.seq));
  return added.length === 0 ? notes : sortNotes([...notes, ...added]);
}

export function stepByKey(model: RunModel, key: string | undefined): StepView | undefined {
  if (key === undefined) return undefined;
  const index = model.indexByKey.get(key);
  return index === undefined ? undefined : model.steps[index];
}

/** The step in full, once the host sent it (undefined until then: ask with `runs.step`). */
export function detailByKey(model: RunModel, key: string | undefined): StepState | undefined {
  return key === undefined ? undefined : model.details.get(key);
}

/** Completed and aborted runs are a record: nothing can be done to them any more. */
export function isReadOnly(run: RunHeader): boolean {
  return run.status === 'completed' || run.status === 'aborted';
}

export function viewOfSummary(summary: StepSummary): StepView {
  return {
    key: summary.key,
    phaseIndex: summary.phaseIndex,
    title: summary.title,
    kind: summary.kind,
    status: summary.status,
    destructive: summary.destructive === true,
    optional: summary.optional === true,
    noteCount: summary.noteCount ?? 0,
    startedAt: summary.startedAt ?? null,
    endedAt: summary.endedAt ?? null,
    failReason: summary.failReason ?? null,
    skipReason: summary.skipReason ?? null,
    unknownReason: summary.unknownReason ?? null,
    wait: summary.wait ?? null,
    ...(summary.rolling === undefined ? {} : { rolling: summary.rolling }),
    exitCode: summary.exitCode ?? null,
  };
}

export function viewOfStep(step: StepState): StepView {
  return {
    key: step.key,
    phaseIndex: step.phaseIndex,
    title: step.title,
    kind: step.kind,
    status: step.status,
    destructive: step.destructive,
    optional: step.optional,
    noteCount: step.noteCount,
    startedAt: step.startedAt,
    endedAt: step.endedAt,
    failReason: step.failReason,
    skipReason: step.skipReason,
    unknownReason: step.unknownReason,
    wait: step.wait,
    ...(step.rolling === undefined ? {} : { rolling: step.rolling }),
    exitCode: step.attempts.at(-1)?.commands.at(-1)?.exitCode ?? null,
  };
}

function sortNotes(notes: readonly Note[]): Note[] {
  return [...notes].sort((a, b) => a.seq - b.seq);
}
