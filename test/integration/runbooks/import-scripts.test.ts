import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runbook } from '../../../shared/runbook/index';
import { parseRunbook } from '../../../electron/host/runbook/index';
import { normaliseActual, runnableCommands } from '../../unit/runbook/corpus/compare';
import { normaliseScriptCommand, scriptCommands } from '../../unit/runbook/corpus/script-reference';
import { guidesDir, repoRoot, sharedMissing } from '../../unit/runbook/seeds';

/**
 * `handrail import` (the built CLI, a real SQLite file) of the OSISM testbed's deploy scripts,
 * laid out as in their repository: deploy.sh calls deploy-services.sh, which calls the numbered
 * scripts under deploy/. With --includes the runbook's runnable commands are the scripts' own
 * top-level commands in the order a run of deploy.sh would reach them (read independently).
 */
const layout: [string, string][] = [
  ['testbed__scripts__deploy.sh', 'scripts/deploy.sh'],
  ['testbed__scripts__deploy-services.sh', 'scripts/deploy-services.sh'],
  ['testbed__scripts__deploy__200-infrastructure.sh', 'scripts/deploy/200-infrastructure.sh'],
  ['testbed__scripts__deploy__300-openstack.sh', 'scripts/deploy/300-openstack.sh'],
];

let work: string;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist/host/cli.js'), ...args], {
    env: { ...process.env, HANDRAIL_DATA_DIR: join(work, 'data') },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function exported(stdout: string): Runbook {
  const id = /as ([0-9a-f-]{36})/.exec(stdout)?.[1];
  expect(id).toBeDefined();
  const out = cli('export', id!);
  expect(out.status).toBe(0);
  return parseRunbook(out.stdout, 'exported.md');
}

/** The script's commands, each call of a script beside it replaced by that script's commands. */
function expectedCommands(path: string): string[] {
  return scriptCommands(readFileSync(join(work, path), 'utf8')).flatMap((command) => {
    const called = /^sh -c '\/opt\/configuration\/(scripts\/[\w/.-]+\.sh)'$/.exec(command.text)?.[1];
    const present = called !== undefined && layout.some(([, to]) => to === called);
    return present ? expectedCommands(called!) : [normaliseScriptCommand(command.text)];
  });
}

describe.skipIf(sharedMissing !== undefined)('handrail import of the testbed deploy scripts', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'handrail-scripts-'));
    mkdirSync(join(work, 'scripts/deploy'), { recursive: true });
    for (const [from, to] of layout) copyFileSync(join(guidesDir, from), join(work, to));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('each script alone: its runnable commands are its top-level commands', () => {
    for (const [, path] of layout) {
      const result = cli('import', join(work, path));
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/: \d+ blocks: /);
      const actual = runnableCommands(exported(result.stdout)).map((l) => normaliseActual(l.command.text));
      expect(actual).toEqual(
        scriptCommands(readFileSync(join(work, path), 'utf8')).map((c) => normaliseScriptCommand(c.text)),
      );
    }
  });

  it('deploy.sh --includes: the calls of scripts beside it become their steps, in order', () => {
    const result = cli('import', join(work, 'scripts/deploy.sh'), '--includes');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('calls deploy-services.sh: its');
    expect(result.stderr).toContain('calls 100-ceph-with-ansible.sh: kept as one step');
    const actual = runnableCommands(exported(result.stdout)).map((l) => normaliseActual(l.command.text));
    expect(actual).toEqual(expectedCommands('scripts/deploy.sh'));
    expect(actual.length).toBeGreaterThan(40);
  });
});
