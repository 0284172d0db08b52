import { expect, test } from 'vitest';
import { RpcError, stepStatuses, type StepState } from '../../../shared/contract/index';
import {
  allowedFrom,
  needsEvidence,
  requireActive,
  requireConfirmation,
  requireGatesPassed,
  requireStatus,
} from '../../../electron/host/run/run-rules';
import { foldEvents } from '../../../electron/host/run/run-reducer';
import { LogBuilder, runId, smallRunbook } from './run-events';

/** The transitions of the semantics doc, written out independently of the engine's table. */
const expected: Record<keyof typeof allowedFrom, string[]> = {
  runStep: ['pending'],
  markDone: ['pending', 'failed', 'unknown'],
  fail: ['pending', 'unknown', 'succeeded'],
  skip: ['pending', 'failed', 'unknown'],
  retry: ['failed', 'unknown', 'skipped'],
  startWait: ['pending'],
  signGate: ['pending'],
};

const fakeStep = (status: StepState['status']) => ({ status, title: 'A step' }) as StepState;

test.each(Object.entries(expected))(
  '%s is allowed exactly from the statuses the rules name',
  (action, allowed) => {
    const table = allowedFrom[action as keyof typeof allowedFrom];
    for (const status of stepStatuses) {
      const attempt = () => requireStatus(fakeStep(status), table, action);
      if (allowed.includes(status)) expect(attempt).not.toThrow();
      else expect(attempt).toThrow(RpcError);
    }
  },
);

test('a refusal says what the step is and what the action needs', () => {
  expect(() => requireStatus(fakeStep('running'), allowedFrom.skip, 'skipping it')).toThrow(
    '"A step" is running: skipping it needs it pending, failed or unknown',
  );
});

test('paused runs refuse step actions; finished runs are read-only', () => {
  const paused = foldEvents(
    smallRunbook(),
    runId,
    new LogBuilder().add('run.paused', null, { reason: null }).events,
  );
  expect(() => requireActive(paused, 'x')).toThrow(/paused/);
  const done = foldEvents(smallRunbook(), runId, new LogBuilder().add('run.finished', null, {}).events);
  expect(() => requireActive(done)).toThrow(/read-only/);
});

test('an unsigned gate blocks later phases only; signed or skipped it does not', () => {
  const state = foldEvents(smallRunbook(), runId, new LogBuilder().events);
  const later = state.steps.find((step) => step.key === 'later') as StepState;
  const sameP = state.steps.find((step) => step.key === 'cmd') as StepState;
  expect(() => requireGatesPassed(state, later)).toThrow(/"Gate" must be signed/);
  expect(() => requireGatesPassed(state, sameP)).not.toThrow();
  const signed = foldEvents(
    smallRunbook(),
    runId,
    new LogBuilder().add('step.succeeded', 'gate', { override: false }).events,
  );
  expect(() => requireGatesPassed(signed, later)).not.toThrow();
});

test('destructive steps need the typed name only in live production runs', () => {
  const production = foldEvents(smallRunbook(), runId, new LogBuilder().events);
  production.run.environment = { ...production.run.environment, kind: 'production', name: 'Prod' };
  const later = production.steps.find((step) => step.key === 'later') as StepState;
  expect(() => requireConfirmation(production, later, undefined)).toThrow(
    /type the environment's name \(Prod\)/,
  );
  expect(() => requireConfirmation(production, later, 'prod')).toThrow(RpcError);
  expect(() => requireConfirmation(production, later, ' Prod ')).not.toThrow();
  const practice = { ...production, run: { ...production.run, mode: 'practice' as const } };
  expect(() => requireConfirmation(practice, later, undefined)).not.toThrow();
  const cmd = production.steps.find((step) => step.key === 'cmd') as StepState;
  expect(() => requireConfirmation(production, cmd, undefined)).not.toThrow();
});

test('evidence: not for instructions or checks that waive it; always for overrides', () => {
  const runbook = smallRunbook();
  const state = foldEvents(runbook, runId, new LogBuilder().events);
  const spec = (key: string) =>
    runbook.phases.flatMap((phase) => phase.steps).find((step) => step.id === key)!;
  const of = (key: string) => state.steps.find((step) => step.key === key) as StepState;
  expect(needsEvidence(of('read'), spec('read'))).toBe(false);
  expect(needsEvidence(of('cmd'), spec('cmd'))).toBe(true);
  expect(needsEvidence(of('pause'), spec('pause'))).toBe(true);
  const manual = { ...of('read'), kind: 'check' as const, commands: [] };
  expect(needsEvidence(manual, { ...spec('read'), kind: 'check' })).toBe(true);
  expect(
    needsEvidence(manual, { ...spec('read'), kind: 'check', manualCheck: { evidenceRequired: false } }),
  ).toBe(false);
});
