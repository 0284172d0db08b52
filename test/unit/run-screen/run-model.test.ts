import { expect, test } from 'vitest';
import { isReadOnly, mergeUpdate, modelOf, stepByKey } from '../../../renderer/src/run-screen/run-model';
import { header, step, update } from './run-fixtures';

const detail = () => ({
  run: header(),
  steps: [step('a'), step('b'), step('c', { phaseIndex: 1 })],
  notes: [],
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
