import type { Note, RunDetail, RunHeader, RunUpdate, StepState } from '../../../shared/contract/index';

/**
 * The run as this window knows it: the host's detail with every later update merged in. Updates
 * come both as action answers and as `runs.changed` broadcasts, possibly out of order; each step
 * remembers the event count of the update that set it, so an older copy never replaces a newer one.
 */
export interface RunModel {
  run: RunHeader;
  steps: StepState[];
  notes: Note[];
  indexByKey: ReadonlyMap<string, number>;
  stepVersions: ReadonlyMap<string, number>;
}

export function modelOf(detail: RunDetail): RunModel {
  const indexByKey = new Map(detail.steps.map((step, index) => [step.key, index]));
  const version = detail.run.eventCount;
  return {
    run: detail.run,
    steps: detail.steps,
    notes: sortNotes(detail.notes),
    indexByKey,
    stepVersions: new Map(detail.steps.map((step) => [step.key, version])),
  };
}

export function mergeUpdate(model: RunModel, update: RunUpdate): RunModel {
  if (update.run.id !== model.run.id) return model;
  const version = update.run.eventCount;
  const run = version >= model.run.eventCount ? update.run : model.run;
  let steps = model.steps;
  let stepVersions = model.stepVersions;
  let indexByKey = model.indexByKey;
  for (const step of update.steps) {
    let index = indexByKey.get(step.key);
    if (index !== undefined && (stepVersions.get(step.key) ?? -1) > version) continue;
    if (steps === model.steps) steps = [...model.steps];
    if (stepVersions === model.stepVersions) stepVersions = new Map(model.stepVersions);
    if (index === undefined) {
      // A rolling step planned after the load: its host steps are new to this window.
      if (indexByKey === model.indexByKey) indexByKey = new Map(model.indexByKey);
      index = steps.length;
      (indexByKey as Map<string, number>).set(step.key, index);
    }
    steps[index] = step;
    (stepVersions as Map<string, number>).set(step.key, version);
  }
  const known = new Set(model.notes.map((note) => note.seq));
  const added = update.notes.filter((note) => !known.has(note.seq));
  const notes = added.length === 0 ? model.notes : sortNotes([...model.notes, ...added]);
  if (run === model.run && steps === model.steps && notes === model.notes) return model;
  return { ...model, run, steps, notes, stepVersions, indexByKey };
}

export function stepByKey(model: RunModel, key: string | undefined): StepState | undefined {
  if (key === undefined) return undefined;
  const index = model.indexByKey.get(key);
  return index === undefined ? undefined : model.steps[index];
}

/** Completed and aborted runs are a record: nothing can be done to them any more. */
export function isReadOnly(run: RunHeader): boolean {
  return run.status === 'completed' || run.status === 'aborted';
}

function sortNotes(notes: Note[]): Note[] {
  return [...notes].sort((a, b) => a.seq - b.seq);
}
