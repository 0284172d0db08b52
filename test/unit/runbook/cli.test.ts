import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../electron/host/runbook/index';
import { repoRoot, seedsDir } from './seeds';

let dataDir: string;

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist/host/cli.js'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, HANDRAIL_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the built CLI: handrail lint / import / export', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    dataDir = mkdtempSync(join(tmpdir(), 'handrail-cli-'));
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lints the bundled templates clean (exit 0)', () => {
    const templates = [
      'kayobe-upgrade',
      'osism-upgrade-sequence',
      'openstack-service-order',
      'security-update-one-service',
      'compute-host-reboot',
    ];
    const result = cli('lint', ...templates.map((t) => `resources/runbooks/${t}.md`));
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('prints file:line:column: severity: message and exits 1 on errors', () => {
    const file = join(dataDir, 'bad.md');
    writeFileSync(
      file,
      '---\ntitle: Bad\n---\n\n## Phase\n\n### Step {#s kind=command}\n\n```bash run\necho {{undeclared}}\n```\n',
    );
    const result = cli('lint', file);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${file}:10:6: error: variable 'undeclared' is used but not declared`);
  });

  it('imports a seed guide into the database and exports it again', () => {
    const imported = cli('import', join(seedsDir, 'stackhpc-upgrading-openstack.rst'));
    expect(imported.status, imported.stderr).toBe(0);
    const id = /as ([0-9a-f-]{36})$/m.exec(imported.stdout)?.[1];
    expect(id).toBeDefined();
    const out = join(dataDir, 'export.md');
    expect(cli('export', id!, '--out', out).status).toBe(0);
    const runbook = parseRunbook(readFileSync(out), 'export.md');
    expect(runbook.title).toBe('Upgrading OpenStack');
    expect(cli('lint', out).status).toBe(0);
  });

  it('refuses bad input with one located line, exit 2, and stores nothing', () => {
    const file = join(dataDir, 'binary.md');
    writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff]));
    const before = existsSync(join(dataDir, 'handrail.db'))
      ? cli('export', '00000000-0000-4000-8000-000000000000')
      : undefined;
    const result = cli('import', file);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(
      new RegExp(`^handrail: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1:\\d+: this is a binary file`),
    );
    expect(before?.status ?? 2).toBe(2);
    expect(cli('export', 'no-such-id').stderr).toContain('no runbook with id no-such-id');
  });
});
