import { expect, test } from 'vitest';
import type { Deviation } from '../../../shared/contract/index';
import { signoffSummary } from '../../../renderer/src/reports/signoff-summary';
import { header, step } from '../run-screen/run-fixtures';

const detail = {
  run: header({ status: 'completed' }),
  steps: [
    step('a', { status: 'succeeded' }),
    step('b', { status: 'skipped', skipReason: 'done by hand yesterday' }),
    step('c', { status: 'failed', failReason: null }),
    step('d', { status: 'unknown', unknownReason: 'the app stopped while this command ran' }),
    step('e', { status: 'succeeded' }),
    step('f', { status: 'pending' }),
  ],
  notes: [],
};
const deviation = (kind: Deviation['kind'], stepKey: string, detailText: string): Deviation => ({
  stepKey,
  stepTitle: `Step ${stepKey}`,
  kind,
  at: '2025-01-01T00:00:00.000Z',
  detail: detailText,
});

test('counts done steps and lists failed, skipped and unknown ones with their reasons', () => {
  const summary = signoffSummary(detail, []);
  expect(summary).toMatchObject({ total: 6, done: 2, open: 1 });
  expect(summary.skipped).toEqual([{ key: 'b', title: 'Step b', reason: 'done by hand yesterday' }]);
  expect(summary.failed).toEqual([{ key: 'c', title: 'Step c', reason: 'no reason recorded' }]);
  expect(summary.unknown.map((entry) => entry.reason)).toEqual(['the app stopped while this command ran']);
});

test('keeps edits and overrides as deviations, without repeating the step statuses', () => {
  const summary = signoffSummary(detail, [
    deviation('skipped', 'b', 'done by hand yesterday'),
    deviation('edited', 'e', 'command 0 changed'),
    deviation('override', 'a', 'marked done by hand'),
  ]);
  expect(summary.deviations.map((entry) => entry.kind)).toEqual(['edited', 'override']);
});
