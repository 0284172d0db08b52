import { expect, test } from 'vitest';
import type { StepTally } from '../../../shared/contract/index';
import {
  rowOfStep,
  scrollToReveal,
  stepRows,
  visibleRange,
} from '../../../renderer/src/run-screen/step-rows';
import { header } from './run-fixtures';

const tally = (counts: Partial<StepTally>): StepTally => ({
  total: 0,
  done: 0,
  failed: 0,
  skipped: 0,
  unknown: 0,
  open: 0,
  ...counts,
});

test('steps are grouped under their phases from the layout alone, each phase with its steps’ tally', () => {
  // One step in phase one, two in phase two, then a host step (the grid's, not the list's).
  const rows = stepRows(header().phases, [1, 2], ['succeeded', 'skipped', 'pending', 'failed']);
  expect(rows).toEqual([
    { type: 'phase', phaseIndex: 0, title: 'One', tally: tally({ total: 1, done: 1 }) },
    { type: 'step', stepIndex: 0 },
    { type: 'phase', phaseIndex: 1, title: 'Two', tally: tally({ total: 2, skipped: 1, open: 1 }) },
    { type: 'step', stepIndex: 1 },
    { type: 'step', stepIndex: 2 },
  ]);
  expect([0, 1, 2, 3].map((index) => rowOfStep([1, 2], index))).toEqual([1, 3, 4, -1]);
});

test('with 5,000 steps only the rows in view (plus a few) are rendered', () => {
  const { first, last } = visibleRange(150_000, 600, 30, 5_200, 8);
  expect(first).toBe(5_000 - 8);
  expect(last).toBe(5_020 + 8);
  expect(last - first + 1).toBeLessThan(40);
  expect(visibleRange(0, 600, 30, 0)).toEqual({ first: 0, last: -1 });
  expect(visibleRange(1e9, 600, 30, 10).last).toBe(9);
});

test('the selected row is scrolled into view only when it is out of view', () => {
  expect(scrollToReveal(10, 0, 600, 30)).toBeUndefined();
  expect(scrollToReveal(100, 0, 600, 30)).toBe(101 * 30 - 600);
  expect(scrollToReveal(2, 300, 600, 30)).toBe(60);
});
