import { describe, expect, it } from 'vitest';
import { runsInPeriod } from '../../../electron/host/audit/auditor-pack';
import type { RunSummary } from '../../../shared/contract/index';

function run(
  id: string,
  createdAt: string,
  status: RunSummary['status'],
  environmentName = 'prod',
): RunSummary {
  const tally = { total: 0, done: 0, failed: 0, skipped: 0, unknown: 0, open: 0 };
  return {
    id,
    runbookTitle: 'Upgrade',
    revision: 1,
    environmentName,
    environmentKind: 'production',
    environmentColour: '#000000',
    mode: 'live',
    operator: 'Ada',
    status,
    createdAt,
    endedAt: null,
    durationSeconds: 0,
    tally: { steps: tally, hostSteps: tally },
  } as RunSummary;
}

describe('the runs of a pack', () => {
  const runs = [
    run('late', '2026-12-31T23:59:59.999Z', 'aborted'),
    run('next-month', '2027-01-01T00:00:00.000Z', 'completed'),
    run('open', '2026-12-10T00:00:00.000Z', 'active'),
    run('first', '2026-12-01T00:00:00.000Z', 'completed'),
    run('before', '2026-11-30T23:59:59.999Z', 'completed'),
    run('staging', '2026-12-05T00:00:00.000Z', 'completed', 'staging'),
  ];

  it('are the finished runs created from `from` up to, not including, `to`, oldest first', () => {
    expect(runsInPeriod(runs, { from: '2026-12-01', to: '2027-01-01' }).map((r) => r.id)).toEqual([
      'first',
      'staging',
      'late',
    ]);
  });

  it('can be only those of one environment', () => {
    expect(
      runsInPeriod(runs, { from: '2026-12-01', to: '2027-01-01', environment: 'staging' }).map((r) => r.id),
    ).toEqual(['staging']);
  });
});
