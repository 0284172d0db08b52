import { expect, test } from 'vitest';
import { summaryOf } from '../../../electron/host/run/run-view';
import { holdOf, tallyOf } from '../../../renderer/src/run-screen/run-layout';
import {
  detailByKey,
  isReadOnly,
  mergeDetail,
  mergePage,
  mergeUpdate,
  modelOf,
  stepAt,
  stepByKey,
} from '../../../renderer/src/run-screen/run-model';
import type { Note, RunHeader, RunScreenOpen, StepState, StepStatus } from '../../../shared/contract/index';
import { encodeStatuses } from '../../../shared/contract/index';
import { header, step, update } from './run-fixtures';

/** An opened run: three rows, `a` (the current step) in full. */
const detail = (): RunScreenOpen => ({
  run: header(),
  statuses: 'ppp',
  phaseSizes: [2, 1],
  pages: [
    { from: 0, steps: [step('a'), step('b'), step('c', { phaseIndex: 1 })].map(summaryOf), eventCount: 1 },
  ],
  details: [{ step: step('a'), spec: null, notes: [], index: 0, eventCount: header().eventCount }],
  notes: [],
});

/** An update of steps keyed a, b, c… (their positions, in this run). */
const changed = (eventCount: number, steps: StepState[], change: Partial<RunHeader> = {}) =>
  update(
    eventCount,
    steps,
    change,
    steps.map((item) => item.key.charCodeAt(0) - 'a'.charCodeAt(0)),
  );

const withOutput = (key: string, output: string, overrides: Partial<StepState> = {}): StepState =>
  step(key, {
    status: 'succeeded',
    attempts: [
      {
        number: 1,
        startedAt: '2025-01-01T00:00:00.000Z',
        endedAt: '2025-01-01T00:00:01.000Z',
        operator: 'Ada',
        outcome: 'succeeded',
        commands: [
          {
            index: 0,
            text: 'true',
            startedAt: '2025-01-01T00:00:00.000Z',
            endedAt: '2025-01-01T00:00:01.000Z',
            exitCode: 3,
            outcome: 'finished',
            output,
            outputTruncated: false,
            terminalId: null,
            terminalSeq: null,
            problems: [],
          },
        ],
      },
    ],
    ...overrides,
  });

const stepNote = (seq: number, stepKey: string | null): Note => ({
  seq,
  at: '2025-01-01T00:00:00.000Z',
  author: 'Ada',
  stepKey,
  text: `n${seq}`,
});

/** A long run opened with rows 100–109 only: the rest is its layout (statuses, phase sizes). */
const longRun = (): RunScreenOpen => {
  const statuses = Array.from({ length: 1000 }, (_, index): StepStatus =>
    index < 100 ? 'succeeded' : 'pending',
  );
  const key = (index: number) => `s${index}`;
  return {
    run: header({ currentStepKey: key(100) }),
    statuses: encodeStatuses(statuses.map((status) => ({ status }))),
    phaseSizes: [600, 400],
    pages: [
      {
        from: 100,
        steps: Array.from({ length: 10 }, (_, at) => summaryOf(step(key(100 + at)))),
        eventCount: 1,
      },
    ],
    details: [{ step: step(key(100)), spec: null, notes: [], index: 100, eventCount: 1 }],
    notes: [],
  };
};

test('an opened run holds the rows it was sent, and in full only the steps it was sent in full', () => {
  const model = modelOf(detail());
  expect([0, 1, 2].map((index) => stepAt(model, index)?.key)).toEqual(['a', 'b', 'c']);
  expect(detailByKey(model, 'a')?.attempts).toEqual([]);
  expect(detailByKey(model, 'b')).toBeUndefined();
  expect(stepByKey(model, 'c')).toMatchObject({
    phaseIndex: 1,
    destructive: false,
    noteCount: 0,
    exitCode: null,
  });
});

test('a long run: counts from the layout, rows paged in where they belong, a newer row not replaced', () => {
  let model = modelOf(longRun());
  expect(model.rows.size).toBe(10);
  expect(stepByKey(model, 's900')).toBeUndefined();
  expect(tallyOf(model).steps).toMatchObject({ total: 1000, done: 100, open: 900 });
  model = mergePage(model, {
    from: 900,
    steps: Array.from({ length: 5 }, (_, at) => summaryOf(step(`s${900 + at}`))),
    eventCount: 1,
  });
  expect([900, 904].map((index) => stepAt(model, index)?.key)).toEqual(['s900', 's904']);
  expect(model.indexByKey.get('s902')).toBe(902);
  // An update after the page read: an older page of the same row arriving later does not undo it.
  model = mergeUpdate(model, update(4, [step('s901', { status: 'skipped' })], {}, [901]));
  model = mergePage(model, { from: 901, steps: [summaryOf(step('s901'))], eventCount: 2 });
  expect(stepByKey(model, 's901')?.status).toBe('skipped');
  expect(tallyOf(model).steps).toMatchObject({ skipped: 1, open: 899 });
});

test('a delta updates the rows held and the counts of rows not held; its step becomes a row', () => {
  let model = modelOf(longRun());
  model = mergeUpdate(model, update(3, [step('s105', { status: 'succeeded' })], {}, [105]));
  expect(stepByKey(model, 's105')?.status).toBe('succeeded');
  // A step far from the rows held, changed by another client: counted, and now held at its place.
  model = mergeUpdate(model, update(4, [step('s700', { status: 'failed' })], {}, [700]));
  expect(model.statuses[700]).toBe('failed');
  expect(stepAt(model, 700)?.key).toBe('s700');
  expect(tallyOf(model).steps).toMatchObject({ done: 101, failed: 1, open: 898 });
  expect(model.rows.size).toBe(11);
});

test('a running wait far from the rows held still holds back the steps after it', () => {
  let model = modelOf(longRun());
  expect(holdOf(model, 's105')).toBeUndefined();
  const wait = step('s50', {
    kind: 'wait',
    status: 'running',
    wait: {
      mode: 'countdown',
      startedAt: '2025-01-01T00:00:00.000Z',
      endsAt: '2025-01-01T00:01:00.000Z',
      finishedAt: null,
      pollAttempts: 0,
      lastExitCode: null,
      cutReason: null,
      timedOut: false,
    },
  });
  model = mergeUpdate(model, update(3, [wait], {}, [50]));
  expect(holdOf(model, 's105')).toMatchObject({ kind: 'wait', blockers: [{ key: 's50' }] });
  expect(holdOf(model, 's10')).toBeUndefined();
});

test('a step opened later (runs.step) brings its output, notes and runbook text; its row follows it', () => {
  const model = mergeDetail(modelOf(detail()), {
    step: withOutput('b', 'PLAY RECAP ok=3'),
    spec: null,
    notes: [stepNote(4, 'b')],
    index: 1,
    eventCount: 3,
  });
  expect(detailByKey(model, 'b')?.attempts[0]?.commands[0]?.output).toBe('PLAY RECAP ok=3');
  expect(stepByKey(model, 'b')).toMatchObject({ status: 'succeeded', exitCode: 3 });
  expect(model.specs.get('b')).toBeNull();
  expect(model.notes.map((note) => note.seq)).toEqual([4]);
});

test('a runs.changed delta after the open replaces the row and the detail; an older detail does not', () => {
  let model = modelOf(detail());
  model = mergeUpdate(model, changed(6, [withOutput('b', 'new output')], { currentStepKey: 'c' }));
  expect(detailByKey(model, 'b')?.attempts[0]?.commands[0]?.output).toBe('new output');
  expect(stepByKey(model, 'b')?.status).toBe('succeeded');
  // A runs.step answer read before that update arrives after it: the update's copy stays.
  model = mergeDetail(model, { step: step('b'), spec: null, notes: [], index: 1, eventCount: 5 });
  expect(detailByKey(model, 'b')?.attempts[0]?.commands[0]?.output).toBe('new output');
  expect(stepByKey(model, 'b')?.status).toBe('succeeded');
  expect(model.run.currentStepKey).toBe('c');
});

test('an update replaces the steps it names, by key, and the header', () => {
  const model = mergeUpdate(
    modelOf(detail()),
    changed(3, [step('b', { status: 'succeeded' })], { currentStepKey: 'c' }),
  );
  expect(stepByKey(model, 'b')?.status).toBe('succeeded');
  expect(stepByKey(model, 'a')?.status).toBe('pending');
  expect(model.run.currentStepKey).toBe('c');
});

test('an older update arriving late never replaces a newer step or header', () => {
  const newer = mergeUpdate(
    modelOf(detail()),
    changed(5, [step('a', { status: 'succeeded' })], { currentStepKey: 'b' }),
  );
  const late = mergeUpdate(
    newer,
    changed(4, [step('a', { status: 'running' }), step('c', { status: 'skipped' })]),
  );
  expect(stepByKey(late, 'a')?.status).toBe('succeeded');
  expect(late.run.eventCount).toBe(5);
  // A step the newer update did not touch still takes the late copy: it is the newest known.
  expect(stepByKey(late, 'c')?.status).toBe('skipped');
});

test('notes are added once, in log order, whichever way they arrive', () => {
  const note = (seq: number) => ({
    seq,
    at: '2025-01-01T00:00:00.000Z',
    author: 'Ada',
    stepKey: null,
    text: `n${seq}`,
  });
  let model = modelOf(detail());
  model = mergeUpdate(model, { ...update(3, []), notes: [note(3)] });
  model = mergeUpdate(model, { ...update(2, []), notes: [note(2)] });
  model = mergeUpdate(model, { ...update(3, []), notes: [note(3)] });
  expect(model.notes.map((item) => item.seq)).toEqual([2, 3]);
});

test('an update for another run changes nothing; finished runs are read-only', () => {
  const model = modelOf(detail());
  const other = changed(9, [step('a', { status: 'failed' })], { id: '44444444-4444-4444-8444-444444444444' });
  expect(mergeUpdate(model, other)).toBe(model);
  expect(isReadOnly(header({ status: 'completed' }))).toBe(true);
  expect(isReadOnly(header({ status: 'aborted' }))).toBe(true);
  expect(isReadOnly(header({ status: 'paused' }))).toBe(false);
});
