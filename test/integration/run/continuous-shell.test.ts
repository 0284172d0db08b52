import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EnvironmentInput, StepState } from '../../../shared/contract/index';
import {
  branchesOf,
  writeKayobeControlHost,
  type KayobeControlHost,
} from '../../support/kayobe-control-host';
import { SshServer, sshdAvailable } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';
import { environmentInput, startRunHost, waitFor, type RunHostFixture } from './host-fixture';
import { openRunTerminal, stepIn, untilStep } from './run-fixture';

/**
 * Issue 14 over a real sshd: every shell command of a block counts, the run's shell is one
 * continuous shell (the Kayobe template's own cd/source/export steps), and polls see that
 * shell's exported variables, stop while the run is paused and time out when they should.
 */
const available = sshdAvailable();

const blocksRunbook = `---
title: "Blocks"
variables:
  - name: "work"
---

# Blocks

## Steps

### A failure in the middle {#middle kind=command}

\`\`\`bash run
false; echo ok
\`\`\`

### Allowed to fail {#allowed kind=command}

\`\`\`bash run may-fail
false; echo ok
\`\`\`

### Prepare the flag {#prepare kind=command}

\`\`\`bash run
mkdir -p {{work}} && cd {{work}}
export HANDRAIL_FLAG_FILE={{work}}/flag
\`\`\`

### Wait for the flag {#wait-flag kind=wait interval=1s timeout=120s}

\`\`\`bash run poll
test -f "$HANDRAIL_FLAG_FILE" && echo "found $HANDRAIL_FLAG_FILE in $PWD"
\`\`\`

### Never passes {#never kind=wait interval=2s timeout=3s}

\`\`\`bash run poll
false
\`\`\`
`;

async function startRun(
  fixture: RunHostFixture,
  source: string,
  environment: Partial<EnvironmentInput>,
  values: { variables?: Record<string, string>; secrets?: Record<string, string> },
): Promise<string> {
  const { client } = fixture;
  const created = await client.call('environments.create', {
    environment: environmentInput({ name: `Env ${Math.random().toString(36).slice(2, 8)}`, ...environment }),
  });
  const runbook = await client.call('runbooks.create', { title: 'x', source });
  const detail = await client.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: created.id,
    mode: 'live',
    operator: 'Ada',
    variables: values.variables ?? {},
    secrets: values.secrets ?? {},
  });
  return detail.run.id;
}

async function runToEnd(fixture: RunHostFixture, id: string, stepKey: string): Promise<StepState> {
  await fixture.client.call('runs.runStep', { id, stepKey });
  return untilStep(fixture, id, stepKey, ['succeeded', 'failed', 'unknown']);
}

describe.skipIf(!available)('over a real sshd', () => {
  const server = new SshServer();
  let dir: ReturnType<typeof makeTempDir>;
  let fixture: RunHostFixture;
  beforeAll(async () => {
    await server.start();
    dir = makeTempDir('handrail-continuous-');
  });
  afterAll(() => {
    server.stop();
    dir.remove();
  });
  afterEach(() => fixture.close());

  const ssh = (host: string): Partial<EnvironmentInput> => ({
    controlHost: { kind: 'ssh', profile: { host, configFile: server.clientConfig } },
  });

  test('`false; echo ok` fails the step and names `false`; may-fail records it and goes on', async () => {
    fixture = startRunHost();
    const id = await startRun(fixture, blocksRunbook, ssh(server.alias), {
      variables: { work: join(dir.path, 'blocks') },
    });
    await openRunTerminal(fixture, id);
    const middle = await runToEnd(fixture, id, 'middle');
    expect(middle.status).toBe('failed');
    expect(middle.failReason).toBe('`false` (command 1 of 2) exited 1, expected 0');
    const record = middle.attempts[0]?.commands[0];
    expect(record).toMatchObject({ exitCode: 1, notRun: 1 });
    expect(record?.parts).toEqual([
      expect.objectContaining({ text: 'false', exitCode: 1, outputStart: 0, problem: middle.failReason }),
    ]);
    expect(record?.output).not.toContain('ok');

    const allowed = await runToEnd(fixture, id, 'allowed');
    expect(allowed.status).toBe('succeeded');
    const parts = allowed.attempts[0]?.commands[0]?.parts ?? [];
    expect(parts.map((part) => [part.text, part.exitCode, part.problem])).toEqual([
      ['false', 1, null],
      ['echo ok', 0, null],
    ]);
    const output = allowed.attempts[0]?.commands[0]?.output ?? '';
    expect(output.slice(parts[1]?.outputStart ?? 0)).toMatch(/^ok/);
    expect((await fixture.client.call('runs.verify', { id })).valid).toBe(true);
  });

  test("the Kayobe template's config-branch → merge → refresh → sync steps carry their cd, source and export", async () => {
    fixture = startRunHost();
    const host: KayobeControlHost = writeKayobeControlHost(server, join(dir.path, 'kayobe'));
    const template = readFileSync(
      new URL('../../../resources/runbooks/kayobe-upgrade.md', import.meta.url),
      'utf8',
    );
    const id = await startRun(fixture, template, ssh(host.alias), {
      variables: { kayobe_config_dir: host.configDir, kayobe_venv: host.venv },
      secrets: { vault_password_file: host.vaultPasswordFile },
    });
    const terminalId = await openRunTerminal(fixture, id);

    expect(await runToEnd(fixture, id, 'config-branch')).toMatchObject({ status: 'succeeded' });
    expect(branchesOf(host.origin)).toContain('example/2024.1');
    // Starts with `git remote add` in the folder the step before went to.
    const merge = await runToEnd(fixture, id, 'config-merge');
    expect(merge.status, merge.failReason ?? '').toBe('succeeded');
    expect(merge.attempts[0]?.commands[0]?.parts?.map((part) => part.exitCode)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(branchesOf(host.origin)).toContain('example/2024.1-sync');

    const refresh = await runToEnd(fixture, id, 'kayobe-env');
    expect(refresh.status, refresh.failReason ?? '').toBe('succeeded');
    expect(refresh.attempts[0]?.commands[0]?.output).toContain(
      `Successfully installed from ${host.configDir}/requirements.txt`,
    );
    expect(await runToEnd(fixture, id, 'control-host')).toMatchObject({ status: 'succeeded' });
    const sync = await runToEnd(fixture, id, 'sync-artifacts');
    expect(sync.status, sync.failReason ?? '').toBe('succeeded');
    for (const playbook of [
      'pulp-repo-sync',
      'pulp-repo-publish',
      'pulp-container-sync',
      'pulp-container-publish',
    ])
      expect(sync.attempts[0]?.commands[0]?.output).toContain(
        `kayobe playbook run ${host.configDir}/etc/kayobe/ansible/${playbook}.yml: done`,
      );
    // The shell is still the one the steps set up: the virtualenv is active and the password set.
    const state = await fixture.client.call('terminals.run', {
      id: terminalId,
      command: 'echo "venv=$VIRTUAL_ENV"; [ -n "$KAYOBE_VAULT_PASSWORD" ] && echo vault-password-set',
    });
    expect(state.output).toContain(`venv=${host.venv}`);
    expect(state.output).toContain('vault-password-set');
  });

  test.each([
    ['bash', server.alias],
    ['sh', server.shAlias],
  ])(
    'a poll sees the %s run shell’s folder and exported variable, and stops while paused',
    async (_name, alias) => {
      fixture = startRunHost();
      const work = join(dir.path, `poll-${alias}`);
      const id = await startRun(fixture, blocksRunbook, ssh(alias), { variables: { work } });
      await openRunTerminal(fixture, id);
      expect(await runToEnd(fixture, id, 'prepare')).toMatchObject({ status: 'succeeded' });
      const { client } = fixture;
      await client.call('runs.startWait', { id, stepKey: 'wait-flag' });
      const waitOf = async () => stepIn(await client.call('runs.get', { id }), 'wait-flag').wait;
      await waitFor(async () => ((await waitOf())?.pollAttempts ?? 0) >= 1, 'a first poll');
      expect(await waitOf()).toMatchObject({ lastExitCode: 1, inRunShell: true });

      await client.call('runs.pause', { id, reason: 'checking something' });
      const attemptsAtPause = (await waitOf())?.pollAttempts ?? 0;
      mkdirSync(work, { recursive: true });
      writeFileSync(join(work, 'flag'), '');
      // Three poll intervals pass while paused: no poll runs, so the flag is not seen.
      await new Promise((resolve) => setTimeout(resolve, 3500));
      const paused = stepIn(await client.call('runs.get', { id }), 'wait-flag');
      expect(paused.status).toBe('running');
      expect(paused.wait?.pollAttempts).toBe(attemptsAtPause);

      await client.call('runs.resume', { id });
      const done = await untilStep(fixture, id, 'wait-flag', ['succeeded', 'failed']);
      expect(done.status).toBe('succeeded');
      expect(done.wait?.lastOutput).toContain(`found ${work}/flag in ${work}`);
    },
  );
});

test('a poll that never passes fails at its timeout, saying so', async () => {
  const fixture = startRunHost();
  const dir = makeTempDir('handrail-timeout-');
  try {
    const id = await startRun(fixture, blocksRunbook, {}, { variables: { work: dir.path } });
    await fixture.client.call('runs.openTerminal', { id });
    await fixture.client.call('runs.startWait', { id, stepKey: 'never' });
    const step = await untilStep(fixture, id, 'never', ['succeeded', 'failed']);
    expect(step.status).toBe('failed');
    // Polls at 0, 2 and 3 s: the last one at the timeout itself.
    expect(step.failReason).toBe("the check did not pass within the wait's 3 s (3 attempts)");
    const waited = Date.parse(step.wait?.finishedAt ?? '') - Date.parse(step.wait?.startedAt ?? '');
    expect(waited).toBeGreaterThanOrEqual(3000);
  } finally {
    fixture.close();
    dir.remove();
  }
});
