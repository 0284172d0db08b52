import { expect, test } from 'vitest';
import type { RollingState, StepState } from '../../../shared/contract/index';
import { summaryOf } from '../../../electron/host/run/run-view';
import { mergeUpdate, modelOf, stepByKey, viewOfStep } from '../../../renderer/src/run-screen/run-model';
import { gridRows, summarise } from '../../../renderer/src/run-screen/rolling/rolling-model';
import { hostOutcome as hostState } from '../../../shared/run/index';
import { describeEvent } from '../../../renderer/src/run-screen/describe-event';
import { stepRows } from '../../../renderer/src/run-screen/step-rows';
import { header, step, update } from './run-fixtures';

const rolling: RollingState = {
  pattern: 'web',
  order: 'batches',
  batchSize: 2,
  drainCap: null,
  auto: false,
  hosts: [
    { name: 'w1', groups: ['web'], batch: 0 },
    { name: 'w2', groups: ['web'], batch: 0 },
    { name: 'w3', groups: ['web'], batch: 1 },
  ],
  batches: [['w1', 'w2'], ['w3']],
  subSteps: [
    { id: 'drain', title: 'Drain', kind: 'command', drains: true, restores: false },
    { id: 'enable', title: 'Enable', kind: 'command', restores: true, drains: false },
  ],
  warnings: [],
  inventoryFile: 'hosts.ini',
  currentBatch: 1,
  finishedBatches: 1,
  skippedHosts: { w2: 'broken disk' },
  outOfService: ['w3'],
  abortReason: null,
};

function timed(key: string, status: StepState['status'], seconds: number): StepState {
  return step(key, {
    status,
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt:
      status === 'succeeded'
        ? new Date(Date.parse('2025-01-01T00:00:00.000Z') + seconds * 1000).toISOString()
        : null,
  });
}

const cells = [
  timed('roll@w1/drain', 'succeeded', 10),
  timed('roll@w1/enable', 'succeeded', 30),
  step('roll@w2/drain', { status: 'skipped' }),
  step('roll@w2/enable', { status: 'skipped' }),
  timed('roll@w3/drain', 'failed', 0),
  step('roll@w3/enable'),
];
const byKey = new Map(cells.map((cell) => [cell.key, viewOfStep(cell)]));

test('rows: each batch heading then its hosts, the current batch marked', () => {
  expect(
    gridRows(rolling).map((row) =>
      row.type === 'batch' ? `B${row.batch}${row.current ? '*' : ''}` : row.host,
    ),
  ).toEqual(['B0', 'w1', 'w2', 'B1*', 'w3']);
});

test('host states and counts; the estimate is the average host-step time times the host steps left', () => {
  const of = (host: string) => cells.filter((cell) => cell.key.includes(`@${host}/`));
  expect(hostState(rolling, 'w1', of('w1'))).toBe('updated');
  expect(hostState(rolling, 'w2', of('w2'))).toBe('skipped');
  expect(hostState(rolling, 'w3', of('w3'))).toBe('failed');
  const summary = summarise('roll', rolling, (key) => byKey.get(key));
  expect(summary).toMatchObject({ updated: 1, skipped: 1, failed: 1, remaining: 0 });
  // (10 + 30) / 2 = 20 s per host step, two left on w3.
  expect(summary.secondsLeft).toBe(40);
});

test('host steps stay out of the step list; host steps new to a window are merged in', () => {
  const model = modelOf({
    run: header(),
    statuses: 'p',
    phaseSizes: [1, 0],
    pages: [{ from: 0, steps: [summaryOf(step('roll', { phaseIndex: 0 }))], eventCount: 1 }],
    details: [],
    notes: [],
  });
  const merged = mergeUpdate(model, update(2, [step('roll', { rolling }), ...cells]));
  expect(stepByKey(merged, 'roll@w3/drain')?.status).toBe('failed');
  expect(stepByKey(merged, 'roll')?.rolling?.currentBatch).toBe(1);
  expect(merged.statuses).toHaveLength(1 + cells.length);
  const rows = stepRows(merged.run.phases, merged.phaseSizes, merged.statuses);
  expect(rows.filter((row) => row.type === 'step')).toHaveLength(1);
});

test('the timeline describes rolling events in words', () => {
  const event = (type: string, payload: unknown) => ({
    seq: 1,
    at: '2025-01-01T00:00:00.000Z',
    type,
    actor: 'Ada',
    stepKey: 'roll',
    payload,
    prevHash: '',
    hash: '',
  });
  const title = () => 'Update the web hosts';
  expect(describeEvent(event('rolling.batchStarted', { batch: 1, hosts: ['w3', 'w5'] }), title)).toBe(
    'Update the web hosts: batch 2 started (w3, w5)',
  );
  expect(describeEvent(event('rolling.hostSkipped', { host: 'w4', reason: 'ticket 4711' }), title)).toBe(
    'Update the web hosts: host w4 skipped: “ticket 4711”',
  );
});
