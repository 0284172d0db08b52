import { expect, test } from 'vitest';
import { applyEvents, foldEvents } from '../../../electron/host/run/run-reducer';
import { LogBuilder, runId, smallRunbook } from './run-events';

const fold = (log: LogBuilder) => foldEvents(smallRunbook(), runId, log.events);
const step = (log: LogBuilder, key: string) => {
  const found = fold(log).steps.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(key);
  return found;
};

test('run.created gives every step pending, commands filled in with secrets masked', () => {
  const state = fold(new LogBuilder());
  expect(state.run).toMatchObject({
    status: 'active',
    operator: 'Ada',
    eventCount: 1,
    currentStepKey: 'read',
  });
  expect(state.run.counts).toEqual({
    pending: 5,
    running: 0,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    unknown: 0,
  });
  expect(state.steps[1]?.commands[0]).toEqual({
    text: 'echo 1 •••••• {{.Names}}',
    template: 'echo {{release}} {{token}} {{.Names}}',
    run: true,
    edited: false,
  });
  expect(state.run.phases.map((phase) => phase.estimatedSeconds)).toEqual([60 + 120 + 5 + 300, 120]);
  expect(() => foldEvents(smallRunbook(), runId, [])).toThrow(/run.created/);
});

test('a command step: started → running, sent and finished → recorded, failed, retried, succeeded', () => {
  const log = new LogBuilder()
    .add('step.started', 'cmd', { attempt: 1 })
    .add('command.sent', 'cmd', { index: 0, text: 'echo 1 ••••••', terminalId: 't' });
  expect(step(log, 'cmd')).toMatchObject({
    status: 'running',
    attempts: [{ number: 1, outcome: 'running' }],
  });
  expect(fold(log).run.currentStepKey).toBe('read');
  log
    .add('command.finished', 'cmd', {
      index: 0,
      exitCode: 2,
      outcome: 'finished',
      output: 'no',
      outputTruncated: false,
      terminalSeq: 4,
      problems: ['exit code 2, expected 0'],
    })
    .add('step.failed', 'cmd', { reason: 'exit code 2, expected 0' }, 'handrail');
  const failed = step(log, 'cmd');
  expect(failed).toMatchObject({ status: 'failed', failReason: 'exit code 2, expected 0' });
  expect(failed.attempts[0]).toMatchObject({
    outcome: 'failed',
    commands: [{ exitCode: 2, terminalSeq: 4, outcome: 'finished' }],
  });
  expect(failed.attempts[0]?.endedAt).not.toBeNull();
  log.add('step.retried', 'cmd', { attempt: 2 });
  expect(step(log, 'cmd')).toMatchObject({ status: 'pending', failReason: null });
  log.add('step.started', 'cmd', { attempt: 2 }).add('step.succeeded', 'cmd', { override: false });
  expect(step(log, 'cmd').attempts.map((attempt) => [attempt.number, attempt.outcome])).toEqual([
    [1, 'failed'],
    [2, 'succeeded'],
  ]);
});

test('outcomes without an attempt in progress are attempts of their own; skip and unknown keep reasons', () => {
  const log = new LogBuilder().add('step.succeeded', 'read', { override: false });
  expect(step(log, 'read').attempts).toEqual([
    expect.objectContaining({ number: 1, outcome: 'succeeded', operator: 'Ada', commands: [] }),
  ]);
  log.add('step.skipped', 'cmd', { reason: 'done yesterday' });
  expect(step(log, 'cmd')).toMatchObject({ status: 'skipped', skipReason: 'done yesterday' });
  log.add('step.retried', 'cmd', { attempt: 2 }).add('step.started', 'cmd', { attempt: 2 });
  log.add('command.sent', 'cmd', { index: 0, text: 'x', terminalId: null });
  log.add('command.lost', 'cmd', { reason: 'stopped' }).add('step.unknown', 'cmd', { reason: 'verify it' });
  expect(step(log, 'cmd')).toMatchObject({ status: 'unknown', unknownReason: 'verify it', skipReason: null });
  expect(step(log, 'cmd').attempts[1]?.commands[0]?.outcome).toBe('unknown');
  expect(fold(log).run.currentStepKey).toBe('cmd');
});

test('pause, resume, handover, finish and abort change the header', () => {
  const log = new LogBuilder().add('run.paused', null, { reason: null });
  expect(fold(log).run).toMatchObject({ status: 'paused', pausedAt: log.events[1]?.at });
  log.add('run.handover', null, { from: 'Ada', to: 'Grace' }).add('run.resumed', null, {});
  expect(fold(log).run).toMatchObject({
    status: 'active',
    pausedAt: null,
    pausedSeconds: 2,
    operator: 'Grace',
  });
  expect(fold(log).run.operators.map((operator) => operator.name)).toEqual(['Ada', 'Grace']);
  expect(fold(new LogBuilder().add('run.finished', null, {})).run).toMatchObject({ status: 'completed' });
  const aborted = fold(new LogBuilder().add('run.aborted', null, { reason: 'x' })).run;
  expect(aborted.status).toBe('aborted');
  expect(aborted.endedAt).not.toBeNull();
});

test('edits and variable changes: edited commands keep their template, all texts follow the variables', () => {
  const log = new LogBuilder()
    .add('command.edited', 'cmd', {
      index: 0,
      oldText: 'a',
      newText: 'b',
      template: 'echo {{release}} edited',
      reason: null,
    })
    .add('variable.changed', null, { name: 'release', value: '2', secret: false, reason: null });
  expect(step(log, 'cmd').commands[0]).toMatchObject({ text: 'echo 2 edited', edited: true });
  expect(fold(log).run.variables.release).toBe('2');
});

test('notes, evidence, backups, waits and gate sign-offs', () => {
  const log = new LogBuilder()
    .add('note.added', 'read', { text: 'first' })
    .add('note.added', null, { text: 'run note' })
    .add('evidence.added', 'read', { text: 'screenshot' })
    .add('backup.recorded', 'cmd', { path: '/b', sizeBytes: 3, checksum: null, source: 'typed' })
    .add('step.started', 'pause', { attempt: 1 })
    .add('wait.started', 'pause', { mode: 'poll', endsAt: '2025-01-01T11:00:00.000Z' })
    .add('wait.poll', 'pause', { attempt: 1, exitCode: 1, output: '' })
    .add('wait.cut', 'pause', { reason: 'looked fine' })
    .add('gate.signed', 'gate', { name: 'Grace', role: 'lead' });
  const state = fold(log);
  expect(state.notes.map((note) => [note.seq, note.stepKey, note.text])).toEqual([
    [1, 'read', 'first'],
    [2, null, 'run note'],
  ]);
  expect(step(log, 'read')).toMatchObject({
    noteCount: 1,
    evidence: [{ text: 'screenshot', author: 'Ada' }],
  });
  expect(step(log, 'cmd').backups).toEqual([
    expect.objectContaining({ path: '/b', sizeBytes: 3, source: 'typed' }),
  ]);
  expect(step(log, 'pause').wait).toMatchObject({
    mode: 'poll',
    pollAttempts: 1,
    lastExitCode: 1,
    cutReason: 'looked fine',
  });
  expect(step(log, 'gate').signoff).toMatchObject({ name: 'Grace', role: 'lead' });
  log.add('wait.finished', 'pause', { timedOut: true });
  expect(step(log, 'pause').wait?.timedOut).toBe(true);
});

test('applying events leaves the given state unchanged; head and count follow the last event', () => {
  const log = new LogBuilder();
  const before = fold(log);
  const copy = structuredClone(before);
  log.add('step.succeeded', 'read', { override: false });
  const after = applyEvents(before, log.events.slice(1));
  expect(before).toEqual(copy);
  expect(after.run).toMatchObject({ eventCount: 2, headHash: log.events[1]?.hash });
  expect(after).toEqual(fold(log));
});
