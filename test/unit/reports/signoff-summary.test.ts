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
    step('roll@h1/x', { status: 'skipped' }),
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

test('counts runbook steps and host steps apart: a failed or skipped step is not done', () => {
  expect(signoffSummary(detail, []).tally).toEqual({
    steps: { total: 6, done: 2, failed: 1, skipped: 1, unknown: 1, open: 1 },
    hostSteps: { total: 1, done: 0, failed: 0, skipped: 1, unknown: 0, open: 0 },
  });
});

test('lists every deviation the report lists, grouped, in the order they happened', () => {
  const summary = signoffSummary(detail, [
    deviation('edited', 'e', 'command 1 changed from `a` to `b`'),
    deviation('skipped', 'b', 'done by hand yesterday'),
    deviation('override', 'a', 'failed (exit 1), then marked done by hand; evidence: fine'),
    deviation('retried-after-unknown', 'd', 'outcome unknown (x), then retried'),
    deviation('host-skipped', 'roll', 'host not updated: disk'),
  ]);
  expect(summary.groups.map((group) => [group.label, group.items.map((item) => item.stepKey)])).toEqual([
    ['Skipped', ['b']],
    ['Hosts skipped', ['roll']],
    ['Overrides', ['a', 'd']],
    ['Commands edited', ['e']],
  ]);
});
