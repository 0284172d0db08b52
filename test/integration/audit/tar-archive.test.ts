import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar, TarWriter } from '../../../electron/host/audit/tar-archive';
import { makeTempDir } from '../../support/temp-dir';

/** The pack's tar writer and reader against the system's GNU tar, both ways. */
describe('ustar archives', () => {
  const temp = makeTempDir('handrail-tar-');
  afterAll(() => temp.remove());
  // Longer than ustar's 100-byte name field: it goes into the prefix field.
  const deep = `pack/${'runs/'.repeat(22)}file.json`;
  const binary = Buffer.from(Array.from({ length: 1300 }, (_, index) => index % 256));

  it('what Handrail writes, tar lists and unpacks byte for byte', () => {
    const archive = join(temp.path, 'made.tar');
    const writer = new TarWriter(archive, new Date('2026-12-01T00:00:00Z'));
    writer.directory('pack');
    writer.file('pack/a.bin', binary);
    writer.file(deep, Buffer.from('{"deep":true}\n'));
    writer.file('pack/empty', Buffer.alloc(0));
    writer.close();
    expect(readFileSync(archive).length % 10240).toBe(0);
    const listing = spawnSync('tar', ['-tvf', archive], { encoding: 'utf8' });
    expect(listing.status, listing.stderr).toBe(0);
    expect(listing.stderr).toBe('');
    expect(listing.stdout).toContain('0/0');
    expect(listing.stdout).toContain('2026-12-01');
    const out = join(temp.path, 'out');
    mkdirSync(out);
    expect(spawnSync('tar', ['-xf', archive, '-C', out]).status).toBe(0);
    expect(readFileSync(join(out, 'pack/a.bin')).equals(binary)).toBe(true);
    expect(readFileSync(join(out, deep), 'utf8')).toBe('{"deep":true}\n');
    expect(readFileSync(join(out, 'pack/empty')).length).toBe(0);
    expect(readTar(readFileSync(archive)).map((entry) => [entry.name, entry.data.length])).toEqual([
      ['pack/', 0],
      ['pack/a.bin', 1300],
      [deep, 14],
      ['pack/empty', 0],
    ]);
  });

  it('reads what tar --format=ustar writes, and refuses a link in it', () => {
    const source = join(temp.path, 'source');
    mkdirSync(join(source, 'pack'), { recursive: true });
    writeFileSync(join(source, 'pack/a.bin'), binary);
    const plain = join(temp.path, 'plain.tar');
    expect(spawnSync('tar', ['--format=ustar', '-cf', plain, '-C', source, 'pack']).status).toBe(0);
    const files = readTar(readFileSync(plain)).filter((entry) => entry.type === 'file');
    expect(files.map((entry) => entry.name)).toEqual(['pack/a.bin']);
    expect(files[0]!.data.equals(binary)).toBe(true);
    symlinkSync('/etc/passwd', join(source, 'pack/link'));
    const linked = join(temp.path, 'linked.tar');
    expect(spawnSync('tar', ['--format=ustar', '-cf', linked, '-C', source, 'pack']).status).toBe(0);
    expect(() => readTar(readFileSync(linked))).toThrow(/pack\/link: entry type "2" is not a file or folder/);
  });
});
