import { describe, expect, it } from 'vitest';
import type { Command, Runbook } from '../../../shared/runbook/index';
import { importGuide, parseRunbook, serializeRunbook } from '../../../electron/host/runbook/index';
import { readSeed, seedNames, sharedMissing } from './seeds';

function commands(runbook: Runbook): Command[] {
  return runbook.phases.flatMap((p) => p.steps.flatMap((s) => s.commands));
}

function titles(runbook: Runbook): string[] {
  return runbook.phases.map((p) => p.title);
}

describe.skipIf(sharedMissing !== undefined)('importing the seed guides', () => {
  it.each(seedNames)('%s imports with no errors and round-trips through the file format', (name) => {
    const review = importGuide(readSeed(name), name);
    expect(review.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    expect(review.runbook.phases.length).toBeGreaterThan(0);
    expect(review.items.some((item) => item.kind === 'step')).toBe(true);
    const again = parseRunbook(serializeRunbook(review.runbook), `${name}.md`);
    expect(stripSources(again)).toEqual(stripSources(review.runbook));
  });

  it('StackHPC: phases in order, substitutions as variables, prompts stripped, yaml not runnable', () => {
    const { runbook, format } = importGuide(readSeed('stackhpc-upgrading-openstack.rst'), 'stackhpc.rst');
    expect(format).toBe('restructuredtext');
    expect(runbook.title).toBe('Upgrading OpenStack');
    expect(titles(runbook)).toEqual([
      'Overview',
      'Notable changes in the {{current_release}} Release',
      'Known issues',
      'Security baseline',
      'Prerequisites',
      'Preparation',
      'Upgrading the Seed Hypervisor',
      'Upgrading the Seed',
      'Upgrading Wazuh Manager',
      'Upgrading Wazuh Agents',
      'Upgrading the Overcloud',
      'Cleaning up',
    ]);
    const texts = commands(runbook).map((c) => c.text);
    // The guide's <host> placeholder is a variable, never an input redirection.
    expect(texts).toContain('kayobe overcloud host package update --packages "*" --limit {{host}}');
    expect(runbook.variables.map((v) => v.name)).toContain('host');
    expect(texts).toContain('kayobe seed hypervisor host package update --packages "*"');
    expect(texts).toContain(
      [
        'git fetch origin',
        'git checkout example/{{previous_release}}',
        'git checkout -b example/{{current_release}}',
        'git push origin example/{{current_release}}',
      ].join('\n'),
    );
    expect(runbook.variables.map((v) => v.name)).toEqual(
      expect.arrayContaining(['previous_release', 'current_release', 'current_release_git_branch_name']),
    );
    for (const yaml of commands(runbook).filter((c) => c.language === 'yaml')) expect(yaml.run).toBe(false);
    expect(commands(runbook).find((c) => c.file === 'kolla.yml')?.text).toBe('kolla_enable_heat: true');
  });

  it('StackHPC: sleep 200 becomes a wait step between the RabbitMQ upgrades; prune and reboot are destructive', () => {
    const { runbook } = importGuide(readSeed('stackhpc-upgrading-openstack.rst'), 'stackhpc.rst');
    const steps = runbook.phases.find((p) => p.title === 'Prerequisites')!.steps;
    const wait = steps.findIndex((s) => s.kind === 'wait');
    expect(steps[wait]!.wait).toEqual({ seconds: 200 });
    expect(steps[wait - 1]!.commands[0]!.text).toContain('kayobe kolla ansible run "rabbitmq-upgrade 3.12"');
    expect(steps[wait + 1]!.commands[0]!.text).toBe('kayobe kolla ansible run "rabbitmq-upgrade 3.13"');
    const all = runbook.phases.flatMap((p) => p.steps);
    const prune = all.find((s) => s.commands.some((c) => c.text.includes('docker image prune -a -f')));
    expect(prune?.destructive).toBe(true);
    const reboot = all.find((s) => s.commands.some((c) => c.text.includes('reboot.yml -l seed-hypervisor')));
    expect(reboot?.destructive).toBe(true);
    expect(all.find((s) => s.commands.some((c) => c.text.startsWith('git status')))?.destructive).toBe(false);
  });

  it('SCS slides: the infrastructure loop is one command block with its set -e', () => {
    const { runbook } = importGuide(readSeed('scs-operations-updates-upgrades.md'), 'scs.md');
    expect(titles(runbook)).toEqual([
      'Security Updates',
      'Security update example',
      'Rebooting systems',
      'Version upgrades',
      'Adding and removing compute nodes',
      'Practical assignment',
    ]);
    const loop = commands(runbook).find((c) => c.text.includes('for svc in common loadbalancer'));
    expect(loop).toMatchObject({
      language: 'bash',
      run: true,
      setE: true,
      text: [
        'set -e',
        'for svc in common loadbalancer opensearch openvswitch ovn memcached redis mariadb rabbitmq; do',
        '    osism apply -a upgrade $svc',
        'done',
      ].join('\n'),
    });
    expect(commands(runbook).filter((c) => c.setE)).toHaveLength(3);
    // Slide bullets that end in an inline command become command steps: "Fixing approach:" over
    // two such bullets gives two steps, titled by their own labels.
    const steps = runbook.phases.flatMap((p) => p.steps);
    const pull = steps.find((s) => s.commands.some((c) => c.text === 'osism apply -a pull nova -l compute'));
    expect(pull?.title).toBe('Download new containers');
    expect(pull?.text).toContain('Fixing approach');
    const refresh = steps.find((s) =>
      s.commands.some((c) => c.text === 'osism apply -a refresh-containers nova -l compute'),
    );
    expect(refresh?.title).toBe('Restart the containers');
    expect(steps.find((s) => s.title === 'Download container images')?.commands[0]?.text).toBe(
      'osism apply -e custom pull-container-images',
    );
    const cleanup = steps.find((s) => s.title === 'Clean up unneeded containers');
    expect(cleanup).toMatchObject({ kind: 'command', destructive: true });
    expect(cleanup?.commands[0]?.text).toBe('osism apply cleanup-docker-images -e ireallymeanit=yes');
  });

  it('OSISM overview: front matter ignored, the warning admonition kept, numbered steps', () => {
    const { runbook } = importGuide(readSeed('osism-upgrade-guide-overview.md'), 'osism.md');
    expect(runbook.title).toBe('Upgrade Guide');
    expect(titles(runbook)).toEqual([
      'A dedicated test environment',
      'General hints for the Upgrade documentation',
      'The order of the upgrade steps',
    ]);
    const order = runbook.phases[2]!.steps;
    expect(order.map((s) => s.title)).toEqual([
      'Upgrade the Manager',
      'Upgrade the Network',
      'Upgrade the Ceph',
      'Upgrade Docker',
      'Upgrade Kubernetes',
      'Upgrade Logging & Monitoring',
      'Upgrade the Infrastructure',
      'Upgrade Openstack',
    ]);
    expect(order[0]!.warnings[0]).toMatchObject({ kind: 'warning' });
    expect(order[0]!.warnings[0]!.text).toContain('release notes');
  });

  it('OpenStack architecture guide: enumerated lists become ordered steps', () => {
    const { runbook } = importGuide(readSeed('openstack-arch-guide-upgrades.rst'), 'arch.rst');
    expect(titles(runbook)).toEqual(['Upgrades']);
    const steps = runbook.phases[0]!.steps.map((s) => s.title);
    expect(steps.slice(0, 5)).toEqual([
      'Upgrade the OpenStack Identity service (keystone)',
      'Upgrade the OpenStack Image service (glance)',
      'Upgrade OpenStack Compute (nova), including networking components',
      'Upgrade OpenStack Block Storage (cinder)',
      'Upgrade the OpenStack dashboard (horizon)',
    ]);
    expect(steps).toContain('Upgrade the shared OpenStack Identity service (keystone) deployment');
    expect(runbook.phases[0]!.steps[0]!.text).toContain('[Upgrades chapter](http://docs.openstack.org/');
  });

  it('SpinalStack: literal blocks are shown, not run; roles reduced to text', () => {
    const { runbook, warnings } = importGuide(readSeed('spinalstack-upgrade-dev.rst'), 'spinal.rst');
    expect(titles(runbook)).toEqual([
      'Provisioning',
      'Ansible playbooks',
      'eDeploy upgrade',
      'Puppet',
      'Sanity',
    ]);
    const literal = commands(runbook).find((c) => c.text.includes('restart ceilometer-collector'));
    expect(literal?.run).toBe(false);
    expect(runbook.phases[0]!.steps[0]!.text).toContain('documented on upgrade page');
    expect(warnings.some((w) => w.message.includes('literal block'))).toBe(true);
  });
});

function stripSources(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'source' ? undefined : v)));
}
