import type { RpcClient } from '../../shared/rpc/client';

/**
 * A live run of a runbook on a test environment whose control host is this machine's shell,
 * started through the contract: what the screen specs need before they open the run screen.
 */
export async function startLocalRun(
  rpc: RpcClient,
  options: { title: string; source: string; environmentName: string; inventory?: string },
): Promise<{ runId: string; environmentId: string }> {
  const created = await rpc.call('runbooks.create', { title: options.title, source: options.source });
  const environment = await rpc.call('environments.create', {
    environment: {
      name: options.environmentName,
      kind: 'test',
      colour: '#2f855a',
      controlHost: { kind: 'local' },
    },
  });
  if (options.inventory !== undefined)
    await rpc.call('inventories.save', {
      environmentId: environment.id,
      text: options.inventory,
      fileName: 'hosts.ini',
      source: { kind: 'pasted' },
    });
  const { run } = await rpc.call('runs.start', {
    runbookId: created.id,
    revision: created.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada Operator',
  });
  return { runId: run.id, environmentId: environment.id };
}
