import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { repoRoot } from '../../support/built-app';
import { makeTempDir } from '../../support/temp-dir';

const templates = ['compute-host-reboot.md', 'kayobe-upgrade.md', 'security-update-one-service.md'];

let data: ReturnType<typeof makeTempDir>;
let folder: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  data = makeTempDir('handrail-library-data-');
  folder = makeTempDir('handrail-library-files-');
});
afterEach(() => {
  data.remove();
  folder.remove();
});

function cli(...args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, ['bin/handrail.js', ...args], {
      cwd: repoRoot,
      env: { ...process.env, HANDRAIL_DATA_DIR: data.path },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Every runbook's revisions as the database has them: id → [revision sources]. */
function revisions(): Map<string, string[]> {
  const db = new BetterSqlite3(join(data.path, 'handrail.db'), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT runbook_id, source FROM runbook_revisions ORDER BY runbook_id, revision')
      .all() as Array<{ runbook_id: string; source: string }>;
    const map = new Map<string, string[]>();
    for (const row of rows) map.set(row.runbook_id, [...(map.get(row.runbook_id) ?? []), row.source]);
    return map;
  } finally {
    db.close();
  }
}

const files = () => readdirSync(folder.path).sort();
const read = (name: string) => readFileSync(join(folder.path, name), 'utf8');

test('export, edit one file, import: exactly one new revision, the rest unchanged', () => {
  for (const template of templates)
    expect(cli('import', join('resources/runbooks', template)).status).toBe(0);
  const before = revisions();
  expect(before.size).toBe(3);

  expect(cli('library', 'export', folder.path)).toMatchObject({
    status: 0,
    stdout: `Exported 3 runbooks to ${folder.path}\n`,
  });
  const exported = files();
  expect(exported).toHaveLength(3);
  for (const name of exported)
    expect(read(name)).toMatch(/^---\nhandrail-id: "[0-9a-f-]{36}"\nhandrail-revision: 1\n/);

  // Importing what was exported changes nothing.
  expect(cli('library', 'import', folder.path).stdout).toContain('0 created, 0 revised, 3 unchanged');
  expect(revisions()).toEqual(before);

  const edited = exported[1] as string;
  const original = read(edited);
  const changed = original.replace(/\n### ([^\n{]+)\{/, '\n### $1(checked twice) {');
  expect(changed).not.toBe(original);
  writeFileSync(join(folder.path, edited), changed);
  const result = cli('library', 'import', folder.path);
  expect(result).toMatchObject({ status: 0 });
  expect(result.stdout).toContain(`revised   ${edited}`);
  expect(result.stdout).toContain('0 created, 1 revised, 2 unchanged');

  const after = revisions();
  const editedId = /handrail-id: "([^"]+)"/.exec(original)?.[1] as string;
  for (const [id, sources] of after) {
    if (id === editedId) {
      expect(sources).toHaveLength(2);
      expect(sources[0]).toBe(before.get(id)?.[0]);
      expect(sources[1]).toContain('(checked twice)');
    } else expect(sources).toEqual(before.get(id));
  }

  // Exporting again writes the same names; the edited runbook's file says revision 2.
  expect(cli('library', 'export', folder.path).status).toBe(0);
  expect(files()).toEqual(exported);
  expect(read(edited)).toContain('handrail-revision: 2\n');
  expect(read(edited)).toContain('(checked twice)');
});

test('a new file becomes a runbook that keeps its id; a bad file stops the import naming its line', () => {
  expect(cli('import', 'resources/runbooks/compute-host-reboot.md').status).toBe(0);
  expect(cli('library', 'export', folder.path).status).toBe(0);
  const [name] = files();
  const text = read(name as string).replace(/^title: "[^"]*"$/m, 'title: "Reboot, site B"');
  writeFileSync(
    join(folder.path, 'site-b.md'),
    text.replace(/^handrail-id: .*\nhandrail-revision: .*\n/m, ''),
  );

  const broken =
    '---\ntitle: "Broken"\n---\n\n# Broken\n\n## Phase {window=sideways}\n\n### Step {#s kind=instruction}\n\nDo it.\n';
  writeFileSync(join(folder.path, 'broken.md'), broken);
  const refused = cli('library', 'import', folder.path);
  expect(refused.status).toBe(2);
  expect(refused.stderr).toMatch(
    /^handrail: library import: broken\.md:7:\d+: .*\(nothing was imported\)\n$/,
  );
  expect(revisions().size).toBe(1);

  writeFileSync(join(folder.path, 'broken.md'), broken.replace('sideways', 'inside'));
  const imported = cli('library', 'import', folder.path);
  expect(imported.stdout).toContain('2 created, 0 revised, 1 unchanged');
  expect(imported.stdout).toContain('site-b.md  Reboot, site B');
  expect(revisions().size).toBe(3);
  // The new runbooks' ids were written into their files: export keeps each where it is, and
  // importing again finds every file unchanged.
  expect(read('site-b.md')).toMatch(/^---\nhandrail-id: "[0-9a-f-]{36}"\nhandrail-revision: 1\n/);
  expect(cli('library', 'export', folder.path).status).toBe(0);
  expect(files()).toHaveLength(3);
  expect(cli('library', 'import', folder.path).stdout).toContain('0 created, 0 revised, 3 unchanged');
});
