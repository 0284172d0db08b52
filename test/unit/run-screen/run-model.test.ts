import { expect, test } from 'vitest';
import { summaryOf } from '../../../electron/host/run/run-view';
import {
  detailByKey,
  isReadOnly,
  mergeDetail,
  mergeUpdate,
  modelOf,
  stepByKey,
} from '../../../renderer/src/run-screen/run-model';
import type { Note, RunOpen, StepState } from '../../../shared/contract/index';
import { header, step, update } from './run-fixtures';

/** An opened run: three rows, `a` (the current step) in full. */
const detail = (): RunOpen => ({
  run: header(),
  steps: [step('a'), step('b'), step('c', { phaseIndex: 1 })].map(summaryOf),
  details: [{ step: step('a'), spec: null, notes: [], eventCount: header().eventCount }],
  notes: [],
});

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

test('an opened run knows every row, and in full only the steps it was sent in full', () => {
  const model = modelOf(detail());
  expect(model.steps.map((row) => row.key)).toEqual(['a', 'b', 'c']);
  expect(detailByKey(model, 'a')?.attempts).toEqual([]);
  expect(detailByKey(model, 'b')).toBeUndefined();
  expect(stepByKey(model, 'c')).toMatchObject({
    phaseIndex: 1,
    destructive: false,
    noteCount: 0,
    exitCode: null,
  });
});

test('a step opened later (runs.step) brings its output, notes and runbook text; its row follows it', () => {
  const model = mergeDetail(modelOf(detail()), {
    step: withOutput('b', 'PLAY RECAP ok=3'),
    spec: null,
    notes: [stepNote(4, 'b')],
    eventCount: 3,
  });
  expect(detailByKey(model, 'b')?.attempts[0]?.commands[0]?.output).toBe('PLAY RECAP ok=3');
  expect(stepByKey(model, 'b')).toMatchObject({ status: 'succeeded', exitCode: 3 });
  expect(model.specs.get('b')).toBeNull();
  expect(model.notes.map((note) => note.seq)).toEqual([4]);
});

test('a runs.changed delta after the open replaces the row and the detail; an older detail does not', () => {
  let model = modelOf(detail());
  model = mergeUpdate(model, update(6, [withOutput('b', 'new output')], { currentStepKey: 'c' }));
  expect(detailByKey(model, 'b')?.attempts[0]?.commands[0]?.output).toBe('new output');
  expect(stepByKey(model, 'b')?.status).toBe('succeeded');
  // A runs.step answer read before that update arrives after it: the update's copy stays.
  model = mergeDetail(model, { step: step('b'), spec: null, notes: [], eventCount: 5 });
  expect(detailByKey(model, 'b')?.attempts[0]?.commands[0]?.output).toBe('new output');
  expect(stepByKey(model, 'b')?.status).toBe('succeeded');
  expect(model.run.currentStepKey).toBe('c');
});

test('an update replaces the steps it names, by key, and the header', () => {
  const model = mergeUpdate(
    modelOf(detail()),
    update(3, [step('b', { status: 'succeeded' })], { currentStepKey: 'c' }),
  );
  expect(stepByKey(model, 'b')?.status).toBe('succeeded');
  expect(stepByKey(model, 'a')?.status).toBe('pending');
  expect(model.run.currentStepKey).toBe('c');
});

test('an older update arriving late never replaces a newer step or header', () => {
  const newer = mergeUpdate(
    modelOf(detail()),
    update(5, [step('a', { status: 'succeeded' })], { currentStepKey: 'b' }),
  );
  const late = mergeUpdate(
    newer,
    update(4, [step('a', { status: 'running' }), step('c', { status: 'skipped' })]),
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
  const other = update(9, [step('a', { status: 'failed' })], { id: '44444444-4444-4444-8444-444444444444' });
  expect(mergeUpdate(model, other)).toBe(model);
  expect(isReadOnly(header({ status: 'completed' }))).toBe(true);
  expect(isReadOnly(header({ status: 'aborted' }))).toBe(true);
  expect(isReadOnly(header({ status: 'paused' }))).toBe(false);
});
