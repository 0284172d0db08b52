import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RollingState, RunDetail, RunOpen } from '../../../shared/contract/index';
import { runbook, type RollingSpec } from '../../../shared/runbook/index';
import { serializeRunbook } from '../../../electron/host/runbook/index';
import { environmentInput, waitFor, type RunHostFixture } from '../run/host-fixture';

/** Six web hosts; web-4 holds the VIP. */
export const sixHosts = '[web]\nweb-[1:3]\nweb-4 vip_holder=true\nweb-[5:6]\n';

/**
 * A rolling runbook over `web`: drain (out of service from here), update (fails while
 * `<work>/fail-<host>` exists; waits while `<work>/hold-<host>` exists), enable (back in service).
 */
export function rollingRunbookSource(policy: Partial<RollingSpec> = {}): string {
  return serializeRunbook(
    runbook.parse({
      title: 'Rolling exercise',
      variables: [{ name: 'work_dir' }],
      phases: [
        {
          title: 'Hosts',
          steps: [
            { id: 'prepare', title: 'Prepare', kind: 'instruction' },
            {
              id: 'roll',
              title: 'Update the web hosts',
              kind: 'rolling',
              rolling: {
                group: 'web',
                order: 'batches',
                batchSize: 2,
                vipHolderLast: true,
                ...policy,
                steps: [
                  {
                    id: 'drain',
                    title: 'Drain',
                    kind: 'command',
                    drains: true,
                    commands: [{ text: 'echo "drained {{host}}"' }],
                  },
                  {
                    id: 'update',
                    title: 'Update',
                    kind: 'command',
                    commands: [
                      {
                        text: 'while [ -e {{work_dir}}/hold-{{host}} ]; do sleep 0.05; done; test ! -e {{work_dir}}/fail-{{host}} && echo "updated {{host}}"',
                      },
                    ],
                  },
                  {
                    id: 'enable',
                    title: 'Enable',
                    kind: 'command',
                    restores: true,
                    commands: [{ text: 'echo "enabled {{host}}"' }],
                  },
                ],
              },
            },
          ],
        },
      ],
    }),
  );
}

export interface RollingRun {
  runId: string;
  environmentId: string;
  workDir: string;
  detail: RunDetail;
}

/** An environment with the inventory saved, the rolling runbook, and a run of it. */
export async function startRollingRun(
  fixture: RunHostFixture,
  options: { policy?: Partial<RollingSpec>; inventory?: string } = {},
): Promise<RollingRun> {
  const { client } = fixture;
  const workDir = mkdtempSync(join(tmpdir(), 'handrail-rolling-'));
  const environment = await client.call('environments.create', {
    // A POSIX sh reads no user rc file that could replace the integration's prompt hooks.
    environment: environmentInput({
      name: `Rolling ${Math.random().toString(36).slice(2, 8)}`,
      controlHost: { kind: 'local', shell: '/bin/sh' },
    }),
  });
  await client.call('inventories.save', {
    environmentId: environment.id,
    text: options.inventory ?? sixHosts,
    fileName: 'hosts.ini',
    source: { kind: 'pasted' },
  });
  const created = await client.call('runbooks.create', {
    title: 'Rolling exercise',
    source: rollingRunbookSource(options.policy),
  });
  const detail = await client.call('runs.start', {
    runbookId: created.id,
    revision: created.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada',
    variables: { work_dir: workDir },
    secrets: {},
  });
  return { runId: detail.run.id, environmentId: environment.id, workDir, detail };
}

export function rollingIn(detail: RunDetail | RunOpen, key = 'roll'): RollingState {
  const rolling = detail.steps.find((step) => step.key === key)?.rolling;
  if (rolling === undefined) throw new Error(`${key} has no plan`);
  return rolling;
}

/** A host step of a run's steps: in full from an update or a start, a summary from `runs.get`. */
export function cell<T extends { key: string }>(
  detail: { steps: readonly T[] },
  host: string,
  sub: string,
): T {
  const found = detail.steps.find((step) => step.key === `roll@${host}/${sub}`);
  if (found === undefined) throw new Error(`no host step roll@${host}/${sub}`);
  return found;
}

/** Waits (reading the run back, never a fixed time) until the run satisfies the predicate. */
export async function until(
  fixture: RunHostFixture,
  runId: string,
  predicate: (detail: RunOpen) => boolean,
  what: string,
): Promise<RunOpen> {
  let detail: RunOpen | undefined;
  await waitFor(async () => {
    detail = await fixture.client.call('runs.get', { id: runId });
    return predicate(detail);
  }, what);
  return detail as RunOpen;
}
