import { expect, test } from 'vitest';
import type { Environment } from '../../../shared/contract/index';
import { defaultStepSeconds } from '../../../electron/host/run/estimates';
import { buildPlan } from '../../../electron/host/run/run-plan';
import { smallRunbook } from './run-events';

const environment = (overrides: Partial<Environment> = {}): Environment => ({
  id: '00000000-0000-4000-8000-0000000000bb',
  name: 'Prod',
  kind: 'production',
  colour: '#ff0000',
  description: '',
  controlHost: { kind: 'local' },
  variables: {},
  secretNames: [],
  rememberedSecrets: [],
  createdAt: '',
  updatedAt: '',
  ...overrides,
});

const plan = (env = environment(), mode: 'live' | 'practice' = 'live') =>
  buildPlan({ runbookId: env.id, revision: 3, runbook: smallRunbook(), environment: env, mode });

test('the schedule adds estimates in order, with documented defaults per kind', () => {
  const result = plan();
  const steps = result.phases.flatMap((phase) => phase.steps);
  expect(steps.map((step) => [step.key, step.estimatedSeconds, step.offsetSeconds])).toEqual([
    ['read', defaultStepSeconds.instruction, 0],
    ['cmd', defaultStepSeconds.command, 60],
    ['pause', 5, 180],
    ['gate', defaultStepSeconds.gate, 185],
    ['later', defaultStepSeconds.command, 485],
  ]);
  expect(result.totalSeconds).toBe(605);
  expect(result.windowSeconds).toBe(120);
  expect(steps.map((step) => step.insideWindow)).toEqual([false, false, false, false, true]);
  expect(result.destructiveCount).toBe(1);
  expect(result.revision).toBe(3);
});

test('commands show known values, masks for secrets and {{name}} where no value is known yet', () => {
  const cmd = plan().phases[0]?.steps[1];
  expect(cmd?.commands).toEqual(['echo 1 •••••• {{.Names}}']);
  const env = environment({
    variables: { release: '7' },
    secretNames: ['release'],
    rememberedSecrets: ['release'],
  });
  const secretRelease = plan(env);
  expect(secretRelease.phases[0]?.steps[1]?.commands).toEqual(['echo •••••• •••••• {{.Names}}']);
  expect(secretRelease.variables[0]).toEqual({
    name: 'release',
    description: '',
    secret: true,
    value: null,
    remembered: true,
  });
});

test('practice on production is a problem; on a test environment it is not', () => {
  expect(plan(environment(), 'practice').problems).toEqual([
    expect.stringContaining('practice runs are not allowed'),
  ]);
  expect(plan(environment({ kind: 'test' }), 'practice').problems).toEqual([]);
  expect(plan(environment(), 'live').problems).toEqual([]);
});
