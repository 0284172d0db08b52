import { afterEach, expect, test } from 'vitest';
import { rejection } from '../runbooks/host-fixture';
import { environmentInput, startRunHost, type RunHostFixture } from './host-fixture';
import { secretValue, startEngineRun } from './run-fixture';
import { engineRunbookSource } from './run-runbook';

let fixture: RunHostFixture;
afterEach(() => fixture.close());

test('a run starts pinned to its revision with variables resolved and secrets masked', async () => {
  fixture = startRunHost();
  const run = await startEngineRun(fixture);
  const { run: header, steps } = run.detail;
  expect(header).toMatchObject({
    revision: 1,
    runbookTitle: 'Engine exercise',
    mode: 'live',
    operator: 'Ada',
    status: 'active',
    secretNames: ['db_password'],
    secretsAvailable: true,
    terminalId: null,
    eventCount: 1,
    currentStepKey: 'read-notes',
  });
  expect(header.variables).toEqual({ release: '2024.1', work_dir: run.workDir, db_password: '••••••' });
  expect(header.headHash).toMatch(/^[0-9a-f]{64}$/);
  expect(steps.map((step) => step.key)).toContain('go-no-go');
  const secretStep = steps.find((step) => step.key === 'use-secret');
  expect(secretStep?.commands[0]).toEqual({
    text: 'echo "login with •••••• as {{.Names}}"',
    run: true,
    edited: false,
    template: 'echo "login with {{db_password}} as {{.Names}}"',
  });
  expect(header.counts.pending).toBe(steps.length);
  const list = await fixture.client.call('runs.list', {});
  expect(list).toEqual([
    expect.objectContaining({
      id: header.id,
      status: 'active',
      tally: {
        steps: { total: steps.length, done: 0, failed: 0, skipped: 0, unknown: 0, open: steps.length },
        hostSteps: { total: 0, done: 0, failed: 0, skipped: 0, unknown: 0, open: 0 },
      },
    }),
  ]);
  expect(JSON.stringify(await fixture.client.call('runs.events', { id: header.id }))).not.toContain(
    secretValue,
  );
  // A new revision of the runbook does not change the run.
  expect(fixture.events.some((event) => event.topic === 'runs.changed')).toBe(true);
});

test('starts are refused: practice on production, a missing value, a short secret, an unknown variable', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const production = await client.call('environments.create', {
    environment: environmentInput({ name: 'Prod', kind: 'production' }),
  });
  const runbook = await client.call('runbooks.create', {
    title: 'Engine exercise',
    source: engineRunbookSource(),
  });
  const base = {
    runbookId: runbook.id,
    revision: 1,
    environmentId: production.id,
    mode: 'live' as const,
    operator: 'Ada',
    variables: { work_dir: '/tmp' },
    secrets: { db_password: secretValue },
  };
  expect(await rejection(client.call('runs.start', { ...base, mode: 'practice' }))).toMatchObject({
    code: 'conflict',
    field: 'params.mode',
  });
  expect(await rejection(client.call('runs.start', { ...base, variables: {} }))).toMatchObject({
    code: 'invalid_params',
    field: 'params.variables.work_dir',
  });
  expect(
    await rejection(client.call('runs.start', { ...base, secrets: { db_password: 'abc' } })),
  ).toMatchObject({
    code: 'invalid_params',
    field: 'params.secrets.db_password',
  });
  expect(await rejection(client.call('runs.start', { ...base, secrets: {} }))).toMatchObject({
    field: 'params.secrets.db_password',
  });
  expect(
    await rejection(client.call('runs.start', { ...base, variables: { work_dir: '/tmp', nope: 'x' } })),
  ).toMatchObject({ field: 'params.variables.nope' });
  expect(await rejection(client.call('runs.start', { ...base, revision: 7 }))).toMatchObject({
    code: 'not_found',
  });
  const plan = await client.call('runs.plan', {
    runbookId: runbook.id,
    environmentId: production.id,
    mode: 'practice',
  });
  expect(plan.problems).toHaveLength(1);
  expect(plan.problems[0]).toContain('practice');
  expect(await client.call('runs.list', {})).toEqual([]);
  // An environment with a run in progress cannot be deleted.
  const started = await client.call('runs.start', base);
  expect(await rejection(client.call('environments.delete', { id: production.id }))).toMatchObject({
    code: 'conflict',
  });
  await client.call('runs.abort', { id: started.run.id, reason: 'test over' });
  await client.call('environments.delete', { id: production.id });
});

test('the plan lists phases, destructive steps, the window and a schedule', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const environment = await client.call('environments.create', {
    environment: environmentInput({ variables: { work_dir: '/srv/work' }, secretNames: [] }),
  });
  const runbook = await client.call('runbooks.create', {
    title: 'Engine exercise',
    source: engineRunbookSource(),
  });
  const plan = await client.call('runs.plan', { runbookId: runbook.id, environmentId: environment.id });
  expect(plan.revision).toBe(1);
  expect(plan.phases.map((phase) => [phase.title, phase.window])).toEqual([
    ['Preparation', 'before'],
    ['Upgrade', 'inside'],
  ]);
  const upgrade = plan.phases[1]?.steps[0];
  expect(upgrade).toMatchObject({
    key: 'upgrade',
    destructive: true,
    insideWindow: true,
    estimatedSeconds: 900,
  });
  expect(upgrade?.commands).toEqual(['echo upgraded to 2024.1']);
  expect(plan.destructiveCount).toBe(1);
  expect(plan.phases[0]?.steps.every((step) => !step.insideWindow)).toBe(true);
  expect(plan.windowSeconds).toBe(plan.phases[1]?.estimatedSeconds);
  expect(plan.totalSeconds).toBe(plan.phases.reduce((sum, phase) => sum + phase.estimatedSeconds, 0));
  expect(upgrade?.offsetSeconds).toBe(plan.phases[0]?.estimatedSeconds);
  expect(plan.variables).toEqual([
    { name: 'release', description: '', secret: false, value: '2024.1', remembered: false },
    {
      name: 'work_dir',
      description: 'a scratch folder on the control host',
      secret: false,
      value: '/srv/work',
      remembered: false,
    },
    { name: 'db_password', description: '', secret: true, value: null, remembered: false },
  ]);
  const secretCommand = plan.phases[0]?.steps.find((step) => step.key === 'use-secret')?.commands[0];
  expect(secretCommand).toBe('echo "login with •••••• as {{.Names}}"');
  expect(plan.problems).toEqual([]);
});
