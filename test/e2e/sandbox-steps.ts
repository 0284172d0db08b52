import { expect } from '@playwright/test';
import type { RpcClient } from '../../shared/rpc/client';

/** Steps of a sandbox run done through the contract, as the sandbox specs need them. */
export type Step = { key: string; kind: string; status: string };

export async function steps(rpc: RpcClient, id: string): Promise<Step[]> {
  return (await rpc.call('runs.get', { id })).steps as Step[];
}

export async function statusOf(rpc: RpcClient, id: string, key: string): Promise<string> {
  return (await steps(rpc, id)).find((step) => step.key === key)?.status ?? 'missing';
}

/** Does one runbook step the way an operator would, and waits for its outcome. */
export async function doStep(rpc: RpcClient, id: string, step: Step): Promise<void> {
  const evidence = 'checked in the sandbox';
  if (step.kind === 'gate') {
    await rpc.call('reports.sign', {
      runId: id,
      kind: 'gate',
      stepKey: step.key,
      name: 'Tess Trainer',
      key: { kind: 'handrail' },
    });
  } else if (step.kind === 'instruction') {
    await rpc.call('runs.markDone', { id, stepKey: step.key });
  } else if (step.kind === 'wait') {
    await rpc.call('runs.startWait', { id, stepKey: step.key });
    await rpc.call('runs.cutWait', { id, stepKey: step.key, reason: 'practice: no need to wait 200 s' });
  } else {
    const runnable = await rpc.call('runs.runStep', { id, stepKey: step.key }).then(
      () => true,
      () => false, // a manual check has nothing to run
    );
    if (!runnable) await rpc.call('runs.markDone', { id, stepKey: step.key, evidence });
  }
  await expect
    .poll(() => statusOf(rpc, id, step.key), { timeout: 30_000 })
    .not.toMatch(/^(pending|running)$/);
}
