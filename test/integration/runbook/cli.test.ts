import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../electron/host/runbook/index';
import { repoRoot, seedsDir, sharedMissing } from '../../unit/runbook/seeds';

let dataDir: string;

function cli(dir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist/host/cli.js'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, HANDRAIL_DATA_DIR: dir },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the built CLI: handrail lint / import / export', () => {
  // The integration project's global setup has built dist/ (scripts/build.mjs --if-needed).
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'handrail-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lints the bundled templates clean (exit 0)', () => {
    const templates = [
      'kayobe-upgrade',
      'osism-upgrade-sequence',
      'openstack-service-order',
      'security-update-one-service',
      'compute-host-reboot',
    ];
    const result = cli(dataDir, 'lint', ...templates.map((t) => `resources/runbooks/${t}.md`));
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('prints file:line:column: severity: message and exits 1 on errors', () => {
    const file = join(dataDir, 'bad.md');
    writeFileSync(
      file,
      '---\ntitle: Bad\n---\n\n## Phase\n\n### Step {#s kind=command}\n\n```bash run\necho {{undeclared}}\n```\n',
    );
    const result = cli(dataDir, 'lint', file);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${file}:10:6: error: variable 'undeclared' is used but not declared`);
  });

  it.skipIf(sharedMissing !== undefined)(
    'imports a seed guide into the database and exports it again',
    () => {
      const imported = cli(dataDir, 'import', join(seedsDir, 'stackhpc-upgrading-openstack.rst'));
      expect(imported.status, imported.stderr).toBe(0);
      const id = /as ([0-9a-f-]{36})$/m.exec(imported.stdout)?.[1];
      expect(id).toBeDefined();
      const out = join(dataDir, 'export.md');
      expect(cli(dataDir, 'export', id!, '--out', out).status).toBe(0);
      const runbook = parseRunbook(readFileSync(out), 'export.md');
      expect(runbook.title).toBe('Upgrading OpenStack');
      expect(cli(dataDir, 'lint', out).status).toBe(0);
    },
  );

  it('refuses bad input with one located line, exit 2, and stores nothing', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'handrail-cli-bad-'));
    try {
      const file = join(fresh, 'binary.md');
      writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff]));
      const result = cli(fresh, 'import', file);
      expect(result.status).toBe(2);
      expect(result.stderr.trim()).toBe(`handrail: ${file}:1:1: this is a binary file, not a text guide`);
      const unclosed = join(fresh, 'unclosed.md');
      writeFileSync(unclosed, '# Guide\n\n## Phase\n\n```bash\necho never closed\n');
      expect(cli(fresh, 'import', unclosed).stderr).toContain(`${unclosed}:5:1: the code block opened here`);
      // Input is checked before the database is opened: nothing was created, let alone stored.
      expect(existsSync(join(fresh, 'handrail.db'))).toBe(false);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('export names a missing runbook', () => {
    const result = cli(dataDir, 'export', 'no-such-id');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no runbook with id no-such-id');
  });
});
