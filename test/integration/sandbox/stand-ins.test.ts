import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  sandboxHome,
  sandboxResourcesDir,
  sandboxShellEnv,
} from '../../../electron/host/sandbox/sandbox-shell';
import { TerminalHarness } from '../../support/terminal-harness';

// The practice sandbox's stand-ins (resources/sandbox/bin) in a real shell on a real pty, with
// the PATH and home a sandbox terminal gets (sandbox-shell.ts), pauses off.
const harness = new TerminalHarness();
const dataDir = mkdtempSync(join(tmpdir(), 'handrail-sandbox-'));
const home = sandboxHome(dataDir);
afterAll(() => {
  harness.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function sandboxShell(shell: string, extra: Record<string, string> = {}) {
  const env = sandboxShellEnv({ PATH: process.env.PATH ?? '/usr/bin:/bin' }, home);
  return harness.open({ kind: 'local', shell }, { env: { ...env, HANDRAIL_SANDBOX_SPEED: '0', ...extra } });
}

const recap = /PLAY RECAP \*+\r?\n(\S+\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=\d+.*\r?\n)+/;

describe.each(['/bin/sh', '/bin/bash'])('the stand-ins in %s', (shell) => {
  test('each runs from the sandbox PATH and exits 0; the Ansible-based ones print a PLAY RECAP', async () => {
    const terminal = sandboxShell(shell);
    await terminal.ready();
    const ansible = [
      'kayobe overcloud service upgrade',
      'kayobe playbook run $HOME/src/kayobe-config/etc/kayobe/ansible/reboot.yml -l compute1',
      'kolla-ansible upgrade -i multinode',
      'kolla-ansible pull -i multinode',
      'osism apply -a upgrade keystone',
      'ansible-playbook -i inventory site.yml --limit controllers',
    ];
    for (const command of ansible) {
      const outcome = await terminal.session.run(command);
      expect(outcome.command.exitCode, command).toBe(0);
      expect(outcome.output, command).toMatch(recap);
      expect(outcome.output, command).toContain('TASK [');
    }
    const others: Array<[string, RegExp]> = [
      ['openstack server list --all-projects --host compute0 --long', /\| ID +\| Name/],
      ['openstack compute service list --host compute0 --service nova-compute', /enabled\s+up/],
      ['docker pull kolla/nova-compute', /Pull complete/],
      ['osism get hosts -l controllers', /\| controller2 +\|/],
      ['nova host-evacuate-live compute0', /Live Migration Accepted/],
      ['kayobe some future subcommand', /PLAY RECAP/],
      ['command -v kayobe', /resources\/sandbox\/bin\/kayobe/],
    ];
    for (const [command, expected] of others) {
      const outcome = await terminal.session.run(command);
      expect(outcome.command.exitCode, command).toBe(0);
      expect(outcome.output, command).toMatch(expected);
    }
  });

  test('HANDRAIL_SANDBOX_FAIL fails the named command every time, with a failed-task recap', async () => {
    const terminal = sandboxShell(shell, {
      HANDRAIL_SANDBOX_FAIL: 'kolla-ansible:upgrade,openstack:compute service',
    });
    await terminal.ready();
    for (let attempt = 0; attempt < 2; attempt++) {
      const failed = await terminal.session.run('kolla-ansible upgrade -i multinode');
      expect(failed.command.exitCode).toBe(2);
      expect(failed.output).toMatch(/fatal: \[controller0\]: FAILED!/);
      expect(failed.output).toMatch(/controller0\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=1/);
    }
    expect((await terminal.session.run('openstack compute service list')).command.exitCode).toBe(1);
    // Other commands of the same tools still pass.
    expect((await terminal.session.run('kolla-ansible pull -i multinode')).command.exitCode).toBe(0);
    expect((await terminal.session.run('openstack server list')).command.exitCode).toBe(0);
  });

  test('a line in ~/fail-once fails the next matching command once, so a retry passes', async () => {
    const terminal = sandboxShell(shell);
    await terminal.ready();
    writeFileSync(join(home, 'fail-once'), 'kayobe:overcloud host package update\n');
    const command = 'kayobe overcloud host package update --packages "*" --limit compute3';
    const first = await terminal.session.run(command);
    expect(first.command.exitCode).toBe(2);
    expect(first.output).toMatch(/compute3\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=1/);
    expect((await terminal.session.run(command)).command.exitCode).toBe(0);
    expect(readFileSync(join(home, 'fail-once'), 'utf8')).toBe('');
  });
});

/** The runnable blocks of a bundled template, with each block's expected output, in order. */
function runnableBlocks(text: string): Array<{ code: string; expectOutput?: RegExp; rejectOutput?: RegExp }> {
  const blocks = [];
  for (const match of text.matchAll(/^```bash run([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const info = match[1] ?? '';
    const expectOutput = /expect-output="([^"]*)"/.exec(info)?.[1];
    const rejectOutput = /reject-output="([^"]*)"/.exec(info)?.[1];
    blocks.push({
      code: (match[2] ?? '').trimEnd(),
      ...(expectOutput === undefined ? {} : { expectOutput: new RegExp(expectOutput, 'm') }),
      ...(rejectOutput === undefined ? {} : { rejectOutput: new RegExp(rejectOutput, 'm') }),
    });
  }
  return blocks;
}

/** What a trainee would give the templates in the Sandbox (its environment sets the first ones). */
const values: Record<string, string> = {
  kayobe_config_dir: join(home, 'src', 'kayobe-config'),
  kayobe_venv: join(home, 'venvs', 'kayobe'),
  vault_password_file: join(home, 'vault-password'),
  compute_host: 'compute0',
  host: 'compute2',
  previous_release: '2023.1',
  current_release: '2024.1',
  config_branch_prefix: 'example',
  site: 'site1',
  openstack_services: 'keystone nova',
  infrastructure_services: 'mariadb rabbitmq',
  service: 'nova',
  limit: 'compute',
};

const templatesDir = join(sandboxResourcesDir(), '..', 'runbooks');
test.each(readdirSync(templatesDir).filter((name) => name.endsWith('.md')))(
  'every command of the bundled template %s runs in the sandbox and passes its checks',
  async (name) => {
    const terminal = sandboxShell('/bin/bash');
    const blocks = runnableBlocks(readFileSync(join(templatesDir, name), 'utf8'));
    for (const block of blocks) {
      // A line starting with ssh makes the integration wait for the next prompt (terminals.md).
      await terminal.ready();
      const code = block.code.replace(/\{\{([a-z_]+)\}\}/g, (all, key: string) => values[key] ?? all);
      const outcome = await terminal.session.run(code);
      expect(outcome.command.exitCode, `${name}: ${code}\n${outcome.output.slice(-800)}`).toBe(0);
      if (block.expectOutput !== undefined) expect(outcome.output, code).toMatch(block.expectOutput);
      if (block.rejectOutput !== undefined) expect(outcome.output, code).not.toMatch(block.rejectOutput);
    }
  },
  120_000,
);
