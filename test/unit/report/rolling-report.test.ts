import { expect, test } from 'vitest';
import type { RollingState, RunDetail, RunEvent, StepState } from '../../../shared/contract/index';
import { buildReportModel } from '../../../electron/host/report/report-model';
import { renderHtmlReport } from '../../../electron/host/report/report-html';
import { renderMarkdownReport } from '../../../electron/host/report/report-markdown';
import type { ReportSeal } from '../../../electron/host/report/report-seal';
import { header, step } from '../run-screen/run-fixtures';

const rolling: RollingState = {
  pattern: 'web',
  order: 'batches',
  batchSize: 2,
  drainCap: 2,
  auto: false,
  hosts: [
    { name: 'web-1', groups: ['web'], batch: 0 },
    { name: 'web-<2>', groups: ['web'], batch: 0 },
  ],
  batches: [['web-1', 'web-<2>']],
  subSteps: [
    { id: 'drain', title: 'Drain', kind: 'command', drains: true, restores: false },
    { id: 'update', title: 'Update', kind: 'command', drains: false, restores: false },
  ],
  warnings: [],
  inventoryFile: 'hosts.ini',
  currentBatch: null,
  finishedBatches: 1,
  skippedHosts: { 'web-<2>': 'disk | fault' },
  outOfService: ['web-<2>'],
  abortReason: null,
};

function ran(key: string, exitCode: number, attempts: number): StepState {
  const attempt = (number: number) => ({
    number,
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: '2025-01-01T00:00:05.000Z',
    operator: 'Ada',
    outcome: 'succeeded' as const,
    commands: [
      {
        index: 0,
        text: 'x',
        startedAt: '2025-01-01T00:00:00.000Z',
        endedAt: '2025-01-01T00:00:05.000Z',
        exitCode,
        outcome: 'finished' as const,
        output: '',
        outputTruncated: false,
        terminalId: null,
        terminalSeq: null,
        problems: [],
      },
    ],
  });
  return step(key, {
    status: 'succeeded',
    endedAt: '2025-01-01T00:00:05.000Z',
    attempts: Array.from({ length: attempts }, (_, index) => attempt(index + 1)),
  });
}

const detail: RunDetail = {
  run: header({ phases: [{ title: 'Hosts', window: 'inside', estimatedSeconds: 60 }] }),
  steps: [
    step('roll', {
      title: 'Update the web hosts',
      kind: 'rolling',
      status: 'succeeded',
      phaseIndex: 0,
      rolling,
    }),
    ran('roll@web-1/drain', 0, 1),
    ran('roll@web-1/update', 0, 2),
    ran('roll@web-<2>/drain', 0, 1),
    step('roll@web-<2>/update', {
      status: 'skipped',
      skipReason: 'host skipped: disk | fault',
      phaseIndex: 0,
    }),
  ],
  notes: [],
};
const seal: ReportSeal = { signatures: [], instructions: 'unsigned', verifyCommands: [] };

test('a rolling step reports a per-host table, not its host steps; a skipped host is one deviation', () => {
  const event = (seq: number, type: string, stepKey: string, payload: unknown): RunEvent => ({
    seq,
    at: `2025-01-01T00:00:0${seq}.000Z`,
    type,
    actor: 'Ada',
    stepKey,
    payload,
    prevHash: '',
    hash: '',
  });
  // What runs.skipHost wrote: the host skipped, then its unfinished host step.
  const events = [
    event(1, 'rolling.hostSkipped', 'roll', { host: 'web-<2>', reason: 'disk | fault' }),
    event(2, 'step.skipped', 'roll@web-<2>/update', { reason: 'host skipped: disk | fault' }),
  ];
  const model = buildReportModel({ detail, events, now: new Date('2025-01-01T01:00:00Z') });
  expect(model.phases[0]?.steps.map((s) => s.key)).toEqual(['roll']);
  const table = model.phases[0]?.steps[0]?.rolling;
  expect(table?.hosts.map((host) => [host.name, host.state, host.outOfService])).toEqual([
    ['web-1', 'updated', false],
    ['web-<2>', 'skipped', true],
  ]);
  expect(table?.hosts[0]?.cells[1]).toMatchObject({ status: 'succeeded', exitCode: 0, attempts: 2 });
  // Succeeded, but not on every host: the step list says so.
  expect(model.phases[0]?.steps[0]?.hostsNote).toBe('1 of 2 hosts skipped');
  expect(model.deviations).toEqual([
    expect.objectContaining({
      stepTitle: 'Update the web hosts: web-<2>',
      detail: 'host not updated: disk | fault',
    }),
  ]);

  const markdown = renderMarkdownReport(model, seal);
  expect(markdown).toContain('#### succeeded (1 of 2 hosts skipped): Update the web hosts (rolling)');
  expect(markdown).toContain('| Host | Batch | State | Drain | Update |');
  const rows = markdown.split('\n').filter((line) => line.startsWith('| web'));
  expect(rows[0]).toContain('| 1 | updated |');
  expect(rows[0]).toContain('2 attempts');
  // A pipe in a reason is escaped: every row keeps its five columns.
  expect(rows[1]).toContain('disk \\| fault');
  for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(7);

  const html = renderHtmlReport(model, seal);
  expect(html).toContain('<table class="rolling-hosts">');
  expect(html).not.toContain('web-<2>');
  expect(html).toContain('web-&lt;2&gt;');
  expect(html).toContain('(left out of service)');
});
