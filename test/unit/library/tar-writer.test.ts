import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { writeTar } from '../../../renderer/src/library/tar-writer';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir> | undefined;
afterEach(() => dir?.remove());

test('the system tar lists and unpacks the archive byte for byte', () => {
  dir = makeTempDir('handrail-tar-');
  const encoder = new TextEncoder();
  const long = `${'a'.repeat(90)}-${'b'.repeat(5)}.md`;
  const entries = [
    {
      path: 'handrail-library/kolla-upgrade.md',
      data: encoder.encode('---\ntitle: "Kolla"\n---\n# Kolla ü\n'),
    },
    { path: `handrail-library/${long}`, data: encoder.encode('x'.repeat(1024)) },
    { path: 'handrail-library/empty.md', data: new Uint8Array(0) },
  ];
  const archive = writeTar(entries, 1_700_000_000);
  expect(archive.length % 512).toBe(0);
  const file = join(dir.path, 'library.tar');
  writeFileSync(file, archive);
  const listed = execFileSync('tar', ['-tvf', file], { encoding: 'utf8' });
  expect(listed.trim().split('\n')).toHaveLength(3);
  execFileSync('tar', ['-xf', file, '-C', dir.path]);
  for (const entry of entries)
    expect(new Uint8Array(readFileSync(join(dir.path, entry.path)))).toEqual(entry.data);
});

test('a name too long for ustar is refused naming it', () => {
  expect(() => writeTar([{ path: `${'n'.repeat(120)}.md`, data: new Uint8Array(1) }], 0)).toThrow(/too long/);
});
