import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentInput, RunDetail, StepState } from '../../../shared/contract/index';
import { environmentInput, waitFor, type RunHostFixture } from './host-fixture';
import { engineRunbookSource } from './run-runbook';

/** A secret value long enough to be masked, and unusual enough to search for in the db bytes. */
export const secretValue = 'hunter2-Zq8vX3-secret';

export interface EngineRun {
  runId: string;
  runbookId: string;
  environmentId: string;
  workDir: string;
  detail: RunDetail;
}

/** Creates an environment and the engine runbook, and starts a run of it. */
export async function startEngineRun(
  fixture: RunHostFixture,
  options: { environment?: Partial<EnvironmentInput>; mode?: 'live' | 'practice' } = {},
): Promise<EngineRun> {
  const { client } = fixture;
  const workDir = mkdtempSync(join(tmpdir(), 'handrail-work-'));
  const environment = await client.call('environments.create', {
    environment: environmentInput({
      name: `Env ${Math.random().toString(36).slice(2, 8)}`,
      ...options.environment,
    }),
  });
  const runbook = await client.call('runbooks.create', {
    title: 'Engine exercise',
    source: engineRunbookSource(),
  });
  const detail = await client.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: options.mode ?? 'live',
    operator: 'Ada',
    variables: { work_dir: workDir },
    secrets: { db_password: secretValue },
  });
  return { runId: detail.run.id, runbookId: runbook.id, environmentId: environment.id, workDir, detail };
}

/** A step of an update (in full) or of an opened run (`runs.get`: its summary). */
export function stepIn<T extends { key: string }>(detail: { steps: readonly T[] }, key: string): T {
  const step = detail.steps.find((candidate) => candidate.key === key);
  if (step === undefined) throw new Error(`no step ${key} in the update`);
  return step;
}

/** A step in full, as the run screen reads it when the operator opens it (`runs.step`). */
export async function readStep(fixture: RunHostFixture, runId: string, key: string): Promise<StepState> {
  return (await fixture.client.call('runs.step', { id: runId, stepKey: key })).step;
}

/** Waits (on runs.changed events, never a fixed time) until the step reaches one of the states. */
export async function untilStep(
  fixture: RunHostFixture,
  runId: string,
  key: string,
  statuses: readonly StepState['status'][],
): Promise<StepState> {
  let found: StepState | undefined;
  await waitFor(
    async () => {
      found = await readStep(fixture, runId, key);
      return statuses.includes(found.status);
    },
    `step ${key} to be ${statuses.join('/')}`,
  );
  return found as StepState;
}

/** Opens the run's terminal and waits for its shell integration. */
export async function openRunTerminal(fixture: RunHostFixture, runId: string): Promise<string> {
  const { terminalId } = await fixture.client.call('runs.openTerminal', { id: runId });
  await waitFor(
    async () =>
      (await fixture.client.call('terminals.list', {})).find((terminal) => terminal.id === terminalId)
        ?.integration === 'active',
    'the run terminal shell integration',
  );
  return terminalId;
}

/**
 * Passes a gate the only way there is: a gate sign-off through reports.sign (Handrail's own key
 * here), which commits the gate with its signature. Answers the gate's step as it is after.
 */
export async function signGate(
  fixture: RunHostFixture,
  runId: string,
  stepKey: string,
  signer: { name: string; role?: string; outOfOrderReason?: string },
): Promise<StepState> {
  await fixture.client.call('reports.sign', {
    runId,
    kind: 'gate',
    stepKey,
    name: signer.name,
    ...(signer.role === undefined ? {} : { role: signer.role }),
    ...(signer.outOfOrderReason === undefined ? {} : { outOfOrderReason: signer.outOfOrderReason }),
    key: { kind: 'handrail' },
  });
  return readStep(fixture, runId, stepKey);
}
