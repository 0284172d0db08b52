import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  importGuide,
  lintRunbook,
  parseRunbook,
  serializeRunbook,
} from '../../../electron/host/runbook/index';
import { repoRoot } from './seeds';

const dir = join(repoRoot, 'resources/runbooks');
const templates = readdirSync(dir).filter((name) => name.endsWith('.md'));

describe('bundled templates', () => {
  it('are the five named in the issue', () => {
    expect(templates.sort()).toEqual([
      'compute-host-reboot.md',
      'kayobe-upgrade.md',
      'openstack-service-order.md',
      'osism-upgrade-sequence.md',
      'security-update-one-service.md',
    ]);
  });

  it.each(templates)('%s lints clean and round-trips parse → serialize → parse unchanged', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    expect(lintRunbook(text, name)).toEqual([]);
    const first = parseRunbook(text, name);
    const second = parseRunbook(serializeRunbook(first), name);
    expect(strip(second)).toEqual(strip(first));
    // Importing a Handrail runbook file reads it as one, unchanged.
    const imported = importGuide(text, name);
    expect(imported.format).toBe('runbook');
    expect(imported.runbook).toEqual(first);
    // Every step says how long it takes or is a wait/gate with its own timing.
    const steps = first.phases.flatMap((p) => p.steps);
    expect(
      steps.filter((s) => s.estimatedDurationSeconds === undefined && s.kind !== 'wait' && s.kind !== 'gate'),
    ).toEqual([]);
  });

  it('the Kayobe upgrade has the RabbitMQ wait, the destructive quorum migration and the rolling host updates', () => {
    const runbook = parseRunbook(readFileSync(join(dir, 'kayobe-upgrade.md')), 'kayobe-upgrade.md');
    const steps = runbook.phases.flatMap((p) => p.steps.map((s) => ({ ...s, window: p.window })));
    expect(steps.find((s) => s.id === 'rabbitmq-settle')?.wait).toEqual({ seconds: 200 });
    expect(steps.find((s) => s.id === 'quorum-migrate')).toMatchObject({
      destructive: true,
      window: 'inside',
    });
    expect(steps.find((s) => s.id === 'config-diff')?.window).toBe('before');
    // Three dry runs, each a step of its own before its review and the real configure.
    expect(
      steps.filter((s) => s.commands.some((c) => c.text.includes('--check --diff'))).map((s) => s.id),
    ).toEqual(['seed-hv-preview', 'seed-preview', 'overcloud-hosts-preview']);
    expect(steps.find((s) => s.id === 'controllers-packages')?.rolling).toMatchObject({
      group: 'controllers',
      order: 'serial',
      batchSize: 1,
      vipHolderLast: true,
    });
    const hypervisors = steps.find((s) => s.id === 'hypervisors-packages')!.rolling!;
    expect(hypervisors).toMatchObject({ order: 'batches', drainCap: 5 });
    expect(hypervisors.steps.map((s) => s.id)).toEqual([
      'hypervisor-drain',
      'hypervisor-update',
      'hypervisor-reboot',
      'hypervisor-enable',
    ]);
  });
});

describe('a dry run is reviewed before the real one', () => {
  it.each(templates)(
    '%s: every --check --diff step is followed by a review with evidence, then the apply',
    (name) => {
      const runbook = parseRunbook(readFileSync(join(dir, name), 'utf8'), name);
      const steps = runbook.phases.flatMap((phase) => phase.steps);
      steps.forEach((step, index) => {
        const dryRuns = step.commands.filter((command) => command.run && /\s--check\b/.test(command.text));
        if (dryRuns.length === 0) return;
        for (const dryRun of dryRuns) {
          // The real command, the dry run's words without --check/--diff, must not ride along.
          const real = dryRun.text.replace(/\s--check\b|\s--diff\b/g, '').trim();
          for (const command of step.commands)
            expect(command.text.split('\n'), `${step.id} runs the real command too`).not.toContain(real);
          const review = steps[index + 1];
          expect(review, `${step.id} is the last step`).toBeDefined();
          expect(review!.kind, `${review!.id} after ${step.id}`).toBe('check');
          expect(review!.manualCheck?.evidenceRequired, `${review!.id} asks for evidence`).toBe(true);
          expect(review!.commands.filter((command) => command.run)).toEqual([]);
          const apply = steps[index + 2];
          expect(apply?.commands.some((command) => command.text.split('\n').includes(real))).toBe(true);
        }
      });
    },
  );
});

function strip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'source' ? undefined : v)));
}

describe('the documented example', () => {
  it('in docs/runbook-format.md lints clean and round-trips', () => {
    const doc = readFileSync(join(repoRoot, 'docs/runbook-format.md'), 'utf8');
    const example = /^````markdown\n([\s\S]*?)^````$/m.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(lintRunbook(example!, 'example.md')).toEqual([]);
    const runbook = parseRunbook(example!, 'example.md');
    expect(runbook.variables.find((v) => v.name === 'admin_password')?.secret).toBe(true);
    expect(strip(parseRunbook(serializeRunbook(runbook), 'x.md'))).toEqual(strip(runbook));
  });
});
