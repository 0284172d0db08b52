import { expect, test } from 'vitest';
import { parseArtefacts } from '../../../electron/host/run/backup-artefacts';

const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const md5 = 'd41d8cd98f00b204e9800998ecf8427e';

test('sha256sum and md5sum lines give checksums, text or binary mode', () => {
  expect(parseArtefacts(`${sha256}  /backup/db.sql.gz\n${md5} *config.tar\n`)).toEqual([
    { path: '/backup/db.sql.gz', sizeBytes: null, checksum: `sha256:${sha256}` },
    { path: 'config.tar', sizeBytes: null, checksum: `md5:${md5}` },
  ]);
});

test('ls -l lines of files give sizes, in the default, long-iso and full-iso styles', () => {
  const output = [
    'total 12',
    '-rw-r--r-- 1 root root 1048576 Mar  4 10:22 /backup/db.sql.gz',
    '-rw-r--r--. 1 kolla kolla 2048 2024-03-04 10:22 /backup/with space.tar',
    '-rw------- 1 root root 77 2024-03-04 10:22:01.123456789 +0000 etc.tgz',
    'drwxr-xr-x 2 root root 4096 Mar  4 10:22 /backup',
    'lrwxrwxrwx 1 root root 9 Mar  4 10:22 latest -> db.sql.gz',
  ].join('\n');
  expect(parseArtefacts(output)).toEqual([
    { path: '/backup/db.sql.gz', sizeBytes: 1048576, checksum: null },
    { path: '/backup/with space.tar', sizeBytes: 2048, checksum: null },
    { path: 'etc.tgz', sizeBytes: 77, checksum: null },
  ]);
});

test("stat -c '%s %n' lines give sizes; a checksum and a size of the same file are one artefact", () => {
  const output = `${sha256}  db.tar\r\n6 ./db.tar\n`;
  expect(parseArtefacts(output)).toEqual([{ path: 'db.tar', sizeBytes: 6, checksum: `sha256:${sha256}` }]);
});

test('ordinary output names no artefact', () => {
  expect(parseArtefacts('3 errors\nDone.\nbackup finished in 12 s\n0 files\n')).toEqual([]);
  expect(parseArtefacts('')).toEqual([]);
});
