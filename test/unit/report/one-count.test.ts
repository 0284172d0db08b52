import { expect, test } from 'vitest';
import { runbook } from '../../../shared/runbook/index';
import { runTallyLines, tallySteps } from '../../../shared/run/index';
import { foldEvents } from '../../../electron/host/run/run-reducer';
import { buildReportModel } from '../../../electron/host/report/report-model';
import { renderHtmlReport } from '../../../electron/host/report/report-html';
import { renderMarkdownReport } from '../../../electron/host/report/report-markdown';
import type { ReportSeal } from '../../../electron/host/report/report-seal';
import { signoffSummary } from '../../../renderer/src/reports/signoff-summary';
import { LogBuilder, runId } from '../run/run-events';

/**
 * One run with everything that bends a count: host steps, failures (by the engine and by hand),
 * skips (of a step, after a failure, of a host), an unknown outcome left open and one retried, a
 * failure marked done with evidence, an edit, a wait cut short, a variable changed. Every figure
 * and every deviation is written out by hand below, from the events, not from the code's output.
 */
const model = runbook.parse({
  title: 'Counted',
  variables: [
    { name: 'release', default: '1' },
    { name: 'token', secret: true },
  ],
  phases: [
    {
      title: 'Prepare',
      steps: [
        { id: 'read', title: 'Read', kind: 'instruction' },
        { id: 'disk', title: 'Disk', kind: 'check', commands: [{ text: 'df -h' }] },
        { id: 'migrate', title: 'Migrate', kind: 'command', commands: [{ text: 'migrate' }] },
        { id: 'edit', title: 'Edited', kind: 'command', commands: [{ text: 'echo old' }] },
        { id: 'notify', title: 'Notify', kind: 'instruction', optional: true },
        { id: 'pause', title: 'Pause', kind: 'wait', wait: { seconds: 200 } },
        { id: 'later', title: 'Later', kind: 'command', commands: [{ text: 'later' }] },
        { id: 'lost', title: 'Lost', kind: 'command', commands: [{ text: 'lost' }] },
        { id: 'open', title: 'Open', kind: 'command', commands: [{ text: 'open' }] },
      ],
    },
    {
      title: 'Hosts',
      steps: [
        {
          id: 'roll',
          title: 'Roll',
          kind: 'rolling',
          rolling: {
            group: 'web',
            steps: [
              { id: 'a', title: 'A', kind: 'command', commands: [{ text: 'a {{host}}' }] },
              { id: 'b', title: 'B', kind: 'command', commands: [{ text: 'b {{host}}' }] },
            ],
          },
        },
      ],
    },
  ],
});

const engine = 'handrail';
const finished = (index: number, exitCode: number) => ({
  index,
  exitCode,
  outcome: 'finished' as const,
  output: '',
  outputTruncated: false,
  terminalSeq: null,
  problems: exitCode === 0 ? [] : [`exit code ${exitCode}, expected 0`],
});

function ran(log: LogBuilder, key: string, exitCode: number, attempt = 1): LogBuilder {
  log
    .add('step.started', key, { attempt })
    .add('command.sent', key, { index: 0, text: key, terminalId: 't' })
    .add('command.finished', key, finished(0, exitCode), engine);
  return exitCode === 0
    ? log.add('step.succeeded', key, { override: false }, engine)
    : log.add('step.failed', key, { reason: `exit code ${exitCode}, expected 0` }, engine);
}

function theRun(): LogBuilder {
  const log = new LogBuilder().add('step.succeeded', 'read', { override: false });
  ran(log, 'disk', 1)
    .add('evidence.added', 'disk', { text: 'df shows 40% on /' })
    .add('step.succeeded', 'disk', { override: true });
  log
    .add('step.started', 'migrate', { attempt: 1 })
    .add('command.sent', 'migrate', { index: 0, text: 'migrate', terminalId: 't' })
    .add('command.lost', 'migrate', { reason: 'the app stopped' }, engine)
    .add('step.unknown', 'migrate', { reason: 'the app stopped' }, engine)
    .add('step.retried', 'migrate', { attempt: 2 });
  ran(log, 'migrate', 0, 2);
  log.add('command.edited', 'edit', {
    index: 0,
    oldText: 'echo old',
    newText: 'echo new | tee out',
    template: 'echo new | tee out',
    reason: 'typo',
  });
  ran(log, 'edit', 2);
  log
    .add('step.skipped', 'notify', { reason: 'nobody to tell' })
    .add('step.started', 'pause', { attempt: 1 })
    .add('wait.started', 'pause', { mode: 'countdown', endsAt: '2025-01-01T10:03:40.000Z' })
    .add('wait.cut', 'pause', { reason: 'queues drained early' })
    .add('step.succeeded', 'pause', { override: false });
  ran(log, 'later', 1).add('step.skipped', 'later', { reason: 'done by hand' });
  log
    .add('step.started', 'lost', { attempt: 1 })
    .add('command.sent', 'lost', { index: 0, text: 'lost', terminalId: 't' })
    .add('step.unknown', 'lost', { reason: 'the terminal dropped' }, engine)
    .add('variable.changed', null, {
      name: 'release',
      value: '2',
      secret: false,
      reason: 'newer point release',
    })
    .add('rolling.planned', 'roll', {
      pattern: 'web',
      order: 'serial',
      batchSize: 4,
      drainCap: null,
      auto: false,
      batches: [['h1', 'h2', 'h3', 'h4']],
      warnings: [],
      inventoryFile: 'hosts.ini',
      hosts: ['h1', 'h2', 'h3', 'h4'].map((name) => ({ name, groups: ['web'], batch: 0 })),
      subSteps: ['a', 'b'].map((id) => ({
        id,
        title: id.toUpperCase(),
        kind: 'command' as const,
        drains: false,
        restores: false,
        destructive: false,
        optional: false,
        commands: [{ text: `${id} {{host}}`, run: true }],
      })),
    })
    .add('step.started', 'roll', { attempt: 1 })
    .add('rolling.batchStarted', 'roll', { batch: 0, hosts: ['h1', 'h2', 'h3', 'h4'] });
  ran(log, 'roll@h1/a', 0);
  ran(log, 'roll@h1/b', 0);
  ran(log, 'roll@h2/a', 1)
    .add('rolling.hostSkipped', 'roll', { host: 'h2', reason: 'disk fault' })
    .add('step.skipped', 'roll@h2/a', { reason: 'host skipped: disk fault' })
    .add('step.skipped', 'roll@h2/b', { reason: 'host skipped: disk fault' });
  ran(log, 'roll@h3/a', 0);
  ran(log, 'roll@h3/b', 3)
    .add('evidence.added', 'roll@h3/b', { text: 'package already at the fixed version' })
    .add('step.succeeded', 'roll@h3/b', { override: true });
  ran(log, 'roll@h4/a', 1)
    .add('rolling.aborted', 'roll', { reason: 'h4 needs a new disk' })
    .add('step.failed', 'roll', { reason: 'rolling update aborted: h4 needs a new disk' });
  return log;
}

const at = (log: LogBuilder, type: string, stepKey: string | null) =>
  log.events.findLast((event) => event.type === type && event.stepKey === stepKey)?.at;

test('one count and one deviation list for a run with host steps, failures, skips and overrides', () => {
  const log = theRun();
  const detail = foldEvents(model, runId, log.events);
  const tally = tallySteps(detail.steps);

  // Runbook steps: read, disk (failed then marked done), migrate (unknown then retried, passed),
  // pause (cut short, done) are done; edit and roll failed; notify and later skipped; lost is
  // unknown; open was never started. Host steps: h1 a, b; h3 a; h3 b (marked done) are done; h2's
  // two were skipped with the host; h4 a failed; h4 b never started.
  expect(tally).toEqual({
    steps: { total: 10, done: 4, failed: 2, skipped: 2, unknown: 1, open: 1 },
    hostSteps: { total: 8, done: 4, failed: 1, skipped: 2, unknown: 0, open: 1 },
  });
  expect(runTallyLines(tally)).toEqual([
    '4 of 10 steps done · 2 failed · 2 skipped · 1 outcome unknown · 1 not finished',
    '4 of 8 host steps done · 1 failed · 2 skipped · 0 outcome unknown · 1 not finished',
  ]);

  const report = buildReportModel({ detail, events: log.events, now: new Date('2025-01-01T12:00:00Z') });
  expect(report.counts).toEqual(tally);
  expect(report.deviations).toEqual([
    {
      stepKey: 'disk',
      stepTitle: 'Disk',
      kind: 'override',
      at: at(log, 'step.succeeded', 'disk'),
      detail: 'failed (exit code 1, expected 0), then marked done by hand; evidence: df shows 40% on /',
    },
    {
      stepKey: 'migrate',
      stepTitle: 'Migrate',
      kind: 'retried-after-unknown',
      at: at(log, 'step.retried', 'migrate'),
      detail:
        'outcome unknown (the app stopped), then retried as attempt 2: its first attempt may already have done its work',
    },
    {
      stepKey: 'edit',
      stepTitle: 'Edited',
      kind: 'edited',
      at: at(log, 'command.edited', 'edit'),
      detail: 'command 1 changed from `echo old` to `echo new | tee out` (typo)',
    },
    {
      stepKey: 'edit',
      stepTitle: 'Edited',
      kind: 'failed',
      at: at(log, 'step.failed', 'edit'),
      detail: 'exit code 2, expected 0',
    },
    {
      stepKey: 'notify',
      stepTitle: 'Notify',
      kind: 'skipped',
      at: at(log, 'step.skipped', 'notify'),
      detail: 'nobody to tell',
    },
    {
      stepKey: 'pause',
      stepTitle: 'Pause',
      kind: 'wait-cut',
      at: at(log, 'wait.cut', 'pause'),
      // Cut at 10:00:25 (event 25, one second apart); the countdown ran to 10:03:40.
      detail: 'cut short with 195 s still to wait: queues drained early',
    },
    {
      stepKey: 'later',
      stepTitle: 'Later',
      kind: 'skipped',
      at: at(log, 'step.skipped', 'later'),
      detail: 'failed (exit code 1, expected 0), then skipped: done by hand',
    },
    {
      stepKey: 'lost',
      stepTitle: 'Lost',
      kind: 'unknown',
      at: at(log, 'step.unknown', 'lost'),
      detail: 'the terminal dropped',
    },
    {
      stepKey: null,
      stepTitle: '',
      kind: 'variable-changed',
      at: at(log, 'variable.changed', null),
      detail: 'release changed from `1` to `2` (newer point release)',
    },
    {
      stepKey: 'roll',
      stepTitle: 'Roll: h2',
      kind: 'host-skipped',
      at: at(log, 'rolling.hostSkipped', 'roll'),
      detail: 'host not updated: disk fault',
    },
    {
      stepKey: 'roll@h3/b',
      stepTitle: 'B · h3',
      kind: 'override',
      at: at(log, 'step.succeeded', 'roll@h3/b'),
      detail:
        'failed (exit code 3, expected 0), then marked done by hand; evidence: package already at the fixed version',
    },
    {
      stepKey: 'roll@h4/a',
      stepTitle: 'A · h4',
      kind: 'failed',
      at: at(log, 'step.failed', 'roll@h4/a'),
      detail: 'exit code 1, expected 0',
    },
    {
      stepKey: 'roll',
      stepTitle: 'Roll',
      kind: 'failed',
      at: at(log, 'step.failed', 'roll'),
      detail: 'marked failed by hand: rolling update aborted: h4 needs a new disk',
    },
  ]);

  // The rolling step's row says what its hosts did.
  const roll = report.phases[1]?.steps[0];
  expect(roll?.hostsNote).toBe('1 of 4 hosts skipped · 1 of 4 hosts failed');

  // Every form states the same two lines; the sign-off dialog reads the same tally and deviations.
  const seal: ReportSeal = { signatures: [], instructions: 'unsigned', verifyCommands: [] };
  const html = renderHtmlReport(report, seal);
  const markdown = renderMarkdownReport(report, seal);
  for (const line of runTallyLines(tally)) {
    expect(html).toContain(line);
    expect(markdown).toContain(line);
  }
  expect(markdown).toContain('#### failed (1 of 4 hosts skipped · 1 of 4 hosts failed): Roll');
  expect(html).toContain('<span class="hosts-note">1 of 4 hosts skipped · 1 of 4 hosts failed</span>');
  const summary = signoffSummary(detail, report.deviations);
  expect(summary.tally).toEqual(tally);
  expect(summary.groups.map((group) => [group.label, group.items.length])).toEqual([
    ['Failed', 3],
    ['Outcome unknown', 1],
    ['Skipped', 2],
    ['Hosts skipped', 1],
    ['Overrides', 3],
    ['Commands edited', 1],
    ['Waits cut short', 1],
    ['Variables changed', 1],
  ]);
});

test('a failure retried until it passes is no deviation; a skip undone by a retry is none either', () => {
  const log = new LogBuilder();
  ran(log, 'migrate', 1).add('step.retried', 'migrate', { attempt: 2 });
  ran(log, 'migrate', 0, 2);
  log.add('step.skipped', 'open', { reason: 'later' }).add('step.retried', 'open', { attempt: 2 });
  ran(log, 'open', 0, 2);
  const detail = foldEvents(model, runId, log.events);
  expect(buildReportModel({ detail, events: log.events }).deviations).toEqual([]);
  expect(tallySteps(detail.steps).steps).toMatchObject({ done: 2, open: 8, failed: 0, skipped: 0 });
});

test('a step run while a wait or earlier steps held it back is a deviation with its reason', () => {
  const log = new LogBuilder()
    .add('step.started', 'pause', { attempt: 1 })
    .add('wait.started', 'pause', { mode: 'countdown', endsAt: '2025-01-01T10:03:40.000Z' })
    .add('step.outOfOrder', 'later', {
      reason: 'the queue is already empty',
      kind: 'wait',
      heldBy: ['pause'],
    });
  ran(log, 'later', 0);
  log.add('step.outOfOrder', 'open', { reason: 'lab only', kind: 'order', heldBy: ['lost', 'pause'] });
  ran(log, 'open', 0);
  const detail = foldEvents(model, runId, log.events);
  const report = buildReportModel({ detail, events: log.events });
  expect(report.deviations).toEqual([
    {
      stepKey: 'later',
      stepTitle: 'Later',
      kind: 'out-of-order',
      at: at(log, 'step.outOfOrder', 'later'),
      detail: 'run while the wait “Pause” was still counting down (the queue is already empty)',
    },
    {
      stepKey: 'open',
      stepTitle: 'Open',
      kind: 'out-of-order',
      at: at(log, 'step.outOfOrder', 'open'),
      detail: 'run before “Lost”, “Pause” were done (lab only)',
    },
  ]);
  expect(signoffSummary(detail, report.deviations).groups.map((group) => group.label)).toEqual([
    'Run out of order',
  ]);
});

test('a transcript gap is a deviation on its step in every form; the HTML title has no markup from a name', () => {
  const log = new LogBuilder();
  ran(log, 'migrate', 0);
  log.add('transcript.gap', 'migrate', {
    terminalId: '00000000-0000-4000-8000-000000000001',
    fromByte: 1024,
    bytes: 2_055_568,
    reason: 'database or disk is full',
  });
  const detail = foldEvents(model, runId, log.events);
  const report = buildReportModel({ detail, events: log.events });
  expect(report.deviations).toEqual([
    {
      stepKey: 'migrate',
      stepTitle: 'Migrate',
      kind: 'transcript-gap',
      at: at(log, 'transcript.gap', 'migrate'),
      detail:
        "2055568 bytes of the terminal's output (from byte 1024 of its transcript) were not recorded: database or disk is full",
    },
  ]);
  expect(signoffSummary(detail, report.deviations).groups.map((group) => group.label)).toEqual([
    'Transcript gaps',
  ]);
  const seal: ReportSeal = { signatures: [], instructions: 'unsigned', verifyCommands: [] };
  const hostile = { ...report, title: 'Upgrade \u202eevil\u202c <b>x</b>\u001b[8m' };
  const html = renderHtmlReport(hostile, seal);
  const title = /<title>(.*?)<\/title>/s.exec(html)?.[1] ?? '';
  for (const raw of ['<', '\u202e', '\u001b']) expect(title).not.toContain(raw);
  expect(title).toContain('&lt;b&gt;x&lt;/b&gt;');
  expect(html).toContain('transcript-gap');
  expect(renderMarkdownReport(report, seal)).toContain('2055568 bytes');
});
