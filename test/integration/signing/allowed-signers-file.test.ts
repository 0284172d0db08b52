import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import {
  AllowedSignersError,
  parseAllowedSigners,
} from '../../../electron/host/signing/allowed-signers-file';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir('handrail-allowed-');
afterAll(() => temp.remove());

/** A real key made by ssh-keygen, and its fingerprint as ssh-keygen itself reads it. */
function realKey(
  type: 'ed25519' | 'ecdsa' | 'rsa',
  name: string,
): { file: string; line: string; fingerprint: string } {
  const file = join(temp.path, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', `${name} comment`, '-f', file]);
  const listed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], {
    encoding: 'utf8',
  });
  return { file, line: readFileSync(`${file}.pub`, 'utf8').trim(), fingerprint: listed.split(' ')[1] ?? '' };
}

test('reads an allowed_signers file in the forms ssh-keygen(1) documents, fingerprints as ssh-keygen reads them', () => {
  const ed = realKey('ed25519', 'ada');
  const ec = realKey('ecdsa', 'grace');
  const rsa = realKey('rsa', 'team');
  const text = [
    '# team keys',
    '',
    `ada.lovelace@handrail namespaces="handrail" ${ed.line}`,
    `"grace.hopper@handrail,ghopper@example.org" namespaces="git,handrail" ${ec.line}`,
    `*@handrail ${rsa.line}`,
  ].join('\n');
  // OpenSSH itself accepts the file: a signature by the first key verifies against it.
  const file = join(temp.path, 'allowed_signers');
  const message = join(temp.path, 'message');
  writeFileSync(file, `${text}\n`);
  writeFileSync(message, 'signed words');
  execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-f', ed.file, '-n', 'handrail', message]);
  execFileSync(
    'ssh-keygen',
    ['-Y', 'verify', '-f', file, '-I', 'ada.lovelace@handrail', '-n', 'handrail', '-s', `${message}.sig`],
    { input: readFileSync(message), stdio: ['pipe', 'ignore', 'ignore'] },
  );
  expect(parseAllowedSigners(text, 'allowed_signers')).toEqual([
    {
      principals: ['ada.lovelace@handrail'],
      namespaces: ['handrail'],
      keyType: 'ssh-ed25519',
      fingerprint: ed.fingerprint,
      line: 3,
    },
    {
      principals: ['grace.hopper@handrail', 'ghopper@example.org'],
      namespaces: ['git', 'handrail'],
      keyType: 'ecdsa-sha2-nistp256',
      fingerprint: ec.fingerprint,
      line: 4,
    },
    {
      principals: ['*@handrail'],
      namespaces: null,
      keyType: 'ssh-rsa',
      fingerprint: rsa.fingerprint,
      line: 5,
    },
  ]);
});

test('a line it cannot use is named by file and line, never skipped', () => {
  const ed = realKey('ed25519', 'eve');
  const [type, base64] = ed.line.split(' ');
  const cases: Array<[string, string]> = [
    [`eve@handrail cert-authority ${ed.line}`, 'trust:2: option "cert-authority" is not supported'],
    [`eve@handrail valid-before="20300101" ${ed.line}`, 'trust:2: option "valid-before" is not supported'],
    [
      `eve@handrail ssh-rsa ${base64}`,
      'trust:2: the line says "ssh-rsa" but the key inside is "ssh-ed25519"',
    ],
    [`eve@handrail ${type} not*base64`, 'trust:2: the key is not base64'],
    ['eve@handrail', 'trust:2: expected'],
    [`"eve@handrail ${ed.line}`, 'trust:2: a quote is not closed'],
  ];
  for (const [line, message] of cases) {
    const read = () => parseAllowedSigners(`# one good line first\n${line}`, 'trust');
    expect(read).toThrow(AllowedSignersError);
    expect(read).toThrow(message);
  }
});
