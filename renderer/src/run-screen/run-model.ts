import type {
  Note,
  RunDetail,
  RunHeader,
  RunScreenOpen,
  RunUpdate,
  StepDetail,
  StepPage,
  StepState,
  StepStatus,
  StepSummary,
} from '../../../shared/contract/index';
import { decodeStatuses, phaseSizesOf } from '../../../shared/contract/index';
import type { Step } from '../../../shared/runbook/index';

/**
 * A step as the list, the grid and the order guards read it: what `runs.open` and `runs.steps`
 * send of a step (shared/contract/run-view.ts), with its left-out defaults filled in.
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
 * The run as this window knows it: the layout of every step (its status and each phase's size),
 * the rows it holds (sent with the open, paged in as the list scrolls, or sent by an update), the
 * steps opened since in full, and every later update merged in. Updates come both as action
 * answers and as `runs.changed` broadcasts, possibly out of order; each step remembers the event
 * count of what set it, so an older copy never replaces a newer one.
 */
export interface RunModel {
  run: RunHeader;
  /** Every step's status, in run order: counts, phase tallies and order guards read it. */
  statuses: readonly StepStatus[];
  /** How many runbook steps each phase has; host steps come after them all. */
  phaseSizes: readonly number[];
  /** The rows this window holds, by position in the run's order. */
  rows: ReadonlyMap<number, StepView>;
  indexByKey: ReadonlyMap<string, number>;
  /** Steps known in full (opened, current or running, or sent by an update), by key. */
  details: ReadonlyMap<string, StepState>;
  /** What the runbook says of each step known in full (the plan kept with the run). */
  specs: ReadonlyMap<string, Step | null>;
  notes: Note[];
  stepVersions: ReadonlyMap<string, number>;
}

/** The model of an opened run (`runs.open`). */
export function modelOf(open: RunScreenOpen): RunModel {
  const model = emptyModel(open.run, decodeStatuses(open.statuses), open.phaseSizes, open.notes);
  // One merge for all of it (read at one event count): a grid's open sends 5,000 host rows and
  // every running host step in full, and a merge per step copied the rows each time.
  const rows = open.pages.flatMap((page) =>
    page.steps.map((summary, at) => ({ index: page.from + at, view: viewOfSummary(summary) })),
  );
  const full = open.details.map((detail) => ({
    index: detail.index,
    view: viewOfStep(detail.step),
    full: detail.step,
  }));
  const merged = putRows(model, [...rows, ...full], open.run.eventCount);
  return {
    ...merged,
    specs: new Map(open.details.map((detail) => [detail.step.key, detail.spec])),
    notes: mergeNotes(
      merged.notes,
      open.details.flatMap((detail) => detail.notes),
    ),
  };
}

/** The model of a whole recorded run (review mode): every step is known in full. */
export function modelOfDetail(detail: RunDetail): RunModel {
  const { run, steps } = detail;
  const model = emptyModel(
    run,
    steps.map((step) => step.status),
    phaseSizesOf(steps, run.phases.length),
    detail.notes,
  );
  return putRows(
    model,
    steps.map((step, index) => ({ index, view: viewOfStep(step), full: step })),
    run.eventCount,
  );
}

function emptyModel(run: RunHeader, statuses: StepStatus[], phaseSizes: number[], notes: Note[]): RunModel {
  return {
    run,
    statuses,
    phaseSizes,
    rows: new Map(),
    indexByKey: new Map(),
    details: new Map(),
    specs: new Map(),
    notes: sortNotes(notes),
    stepVersions: new Map(),
  };
}

export function mergeUpdate(model: RunModel, update: RunUpdate): RunModel {
  if (update.run.id !== model.run.id) return model;
  const run = update.run.eventCount >= model.run.eventCount ? update.run : model.run;
  const entries = update.steps.flatMap((step, at) => {
    const index = update.positions[at];
    return index === undefined ? [] : [{ index, view: viewOfStep(step), full: step }];
  });
  const merged = putRows(model, entries, update.run.eventCount);
  const notes = mergeNotes(model.notes, update.notes);
  if (run === model.run && merged === model && notes === model.notes) return model;
  return { ...merged, run, notes };
}

/** A step read in full (`runs.step`, or with the open); a newer update of it wins. */
export function mergeDetail(model: RunModel, detail: StepDetail): RunModel {
  const { step } = detail;
  const merged = putRows(
    model,
    [{ index: detail.index, view: viewOfStep(step), full: step }],
    detail.eventCount,
  );
  const specs = new Map(model.specs).set(step.key, detail.spec);
  return { ...merged, specs, notes: mergeNotes(model.notes, detail.notes) };
}

/** Rows paged in (`runs.steps`, or with the open); a newer copy of a row already held wins. */
export function mergePage(model: RunModel, page: StepPage): RunModel {
  const entries = page.steps.map((summary, at) => ({ index: page.from + at, view: viewOfSummary(summary) }));
  return putRows(model, entries, page.eventCount);
}

interface RowEntry {
  index: number;
  view: StepView;
  /** The step in full, when what brought the row had it. */
  full?: StepState;
}

/** Puts rows (and full steps) into the model, unless a newer copy of one is there already. */
function putRows(model: RunModel, entries: readonly RowEntry[], version: number): RunModel {
  const fresh = entries.filter(({ view }) => (model.stepVersions.get(view.key) ?? -1) <= version);
  if (fresh.length === 0) return model;
  const rows = new Map(model.rows);
  const indexByKey = new Map(model.indexByKey);
  // Copied only when a status moves: the list's layout and the counts are kept while none does.
  const moved = fresh.some(({ index, view }) => model.statuses[index] !== view.status);
  const statuses = moved ? [...model.statuses] : (model.statuses as StepStatus[]);
  const stepVersions = new Map(model.stepVersions);
  const details = fresh.some((entry) => entry.full !== undefined) ? new Map(model.details) : model.details;
  for (const { index, view, full } of fresh) {
    rows.set(index, view);
    indexByKey.set(view.key, index);
    // A rolling step planned after the open: its host steps are new to this window.
    while (statuses.length < index) statuses.push('pending');
    statuses[index] = view.status;
    stepVersions.set(view.key, version);
    if (full !== undefined) (details as Map<string, StepState>).set(view.key, full);
  }
  return { ...model, rows, indexByKey, statuses, stepVersions, details };
}

function mergeNotes(notes: Note[], more: readonly Note[]): Note[] {
  const known = new Set(notes.map((note) => note.seq));
  const added = more.filter((note) => !known.has(note.seq));
  return added.length === 0 ? notes : sortNotes([...notes, ...added]);
}

export function stepByKey(model: RunModel, key: string | undefined): StepView | undefined {
  if (key === undefined) return undefined;
  const index = model.indexByKey.get(key);
  return index === undefined ? undefined : model.rows.get(index);
}

/** The row at a position in the run's order, once this window holds it. */
export function stepAt(model: RunModel, index: number): StepView | undefined {
  return model.rows.get(index);
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
