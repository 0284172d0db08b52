import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  allowedSignersLine,
  shellQuote,
  sshKeygenVerifyCommand,
} from '../../../electron/host/signing/allowed-signers';
import { loadOrCreateHandrailSigningKey } from '../../../electron/host/signing/handrail-signing-key';
import { signerIdentity } from '../../../shared/report/signer-principal';
import {
  decodeOpenSshEd25519,
  encodeOpenSshEd25519,
} from '../../../electron/host/signing/openssh-private-key';
import { ed25519SshSignature } from '../../../electron/host/signing/ssh-key-signature';
import { ed25519PublicKeyBlob } from '../../../electron/host/signing/ssh-public-key';
import { concatBytes, sshString, SshFormatError } from '../../../electron/host/signing/ssh-wire';
import {
  armourSshsig,
  decodeSshsig,
  dearmourSshsig,
  encodeSshsig,
  sshsigSignedData,
  type SshsigBlob,
} from '../../../electron/host/signing/sshsig';
import { verifySshSignature } from '../../../electron/host/signing/sshsig-verify';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir('handrail-sshsig-unit-');
afterAll(() => temp.remove());
const key = loadOrCreateHandrailSigningKey(join(temp.path, 'data'));
const message = 'run r-1 head 5f3a\n';
const signature = key.sign(message);

function problemOf(result: ReturnType<typeof verifySshSignature>): string {
  if (result.valid) throw new Error('expected an invalid signature');
  return result.problem;
}

/** A positive SSH mpint: big-endian, with a zero byte in front when the top bit is set. */
function mpint(base64url: string): Uint8Array {
  const bytes = Buffer.from(base64url, 'base64url');
  return sshString((bytes[0] ?? 0) & 0x80 ? concatBytes(new Uint8Array([0]), bytes) : bytes);
}

function rsaSigned(privateKey: KeyObject, publicKey: KeyObject, algorithm: string, hash: string): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const blob = concatBytes(sshString('ssh-rsa'), mpint(jwk.e ?? ''), mpint(jwk.n ?? ''));
  const signed = sshsigSignedData('handrail', 'sha512', new TextEncoder().encode(message));
  const raw = sign(hash, signed, privateKey);
  return armourSshsig(
    encodeSshsig({
      publicKey: blob,
      namespace: 'handrail',
      reserved: new Uint8Array(0),
      hashAlgorithm: 'sha512',
      signature: concatBytes(sshString(algorithm), sshString(raw)),
    }),
  );
}

describe('the sshsig container', () => {
  it('armours at 70 columns and reads back the same blob', () => {
    const lines = signature.trimEnd().split('\n');
    expect(lines[0]).toBe('-----BEGIN SSH SIGNATURE-----');
    expect(lines.at(-1)).toBe('-----END SSH SIGNATURE-----');
    expect(lines.slice(1, -2).every((line) => line.length === 70)).toBe(true);
    const blob = dearmourSshsig(signature);
    expect(armourSshsig(blob)).toBe(signature);
    expect(dearmourSshsig(`  \r\n${signature.replace(/\n/g, '\r\n')}  `)).toEqual(blob);
    expect(decodeSshsig(blob)).toMatchObject({ namespace: 'handrail', hashAlgorithm: 'sha512' });
  });

  it.each([
    ['no header', 'AAAA\n-----END SSH SIGNATURE-----', /does not start with/],
    ['no footer', '-----BEGIN SSH SIGNATURE-----\nAAAA\n', /does not end with/],
    ['not base64', '-----BEGIN SSH SIGNATURE-----\nAA<>AA\n-----END SSH SIGNATURE-----', /not base64/],
  ])('refuses armour with %s', (_label, text, problem) => {
    expect(() => dearmourSshsig(text)).toThrow(problem);
    expect(problemOf(verifySshSignature({ message, signature: text }))).toMatch(problem);
  });

  function rewritten(change: (blob: SshsigBlob) => void): string {
    const blob = decodeSshsig(dearmourSshsig(signature));
    change(blob);
    return armourSshsig(encodeSshsig(blob));
  }

  it('refuses another magic, a newer version, trailing bytes and truncation', () => {
    const bytes = dearmourSshsig(signature);
    const badMagic = bytes.slice();
    badMagic[0] = 0x58;
    expect(problemOf(verifySshSignature({ message, signature: armourSshsig(badMagic) }))).toMatch(
      /magic preamble/,
    );
    const version2 = bytes.slice();
    version2[9] = 2;
    expect(problemOf(verifySshSignature({ message, signature: armourSshsig(version2) }))).toMatch(
      /version 2/,
    );
    const trailing = concatBytes(bytes, new Uint8Array([0]));
    expect(problemOf(verifySshSignature({ message, signature: armourSshsig(trailing) }))).toMatch(/trailing/);
    const truncated = bytes.subarray(0, bytes.length - 1);
    expect(problemOf(verifySshSignature({ message, signature: armourSshsig(truncated) }))).toMatch(
      /truncated/,
    );
  });

  it('refuses a hash algorithm other than sha512/sha256, even when the signature over it is right', () => {
    const tampered = rewritten((blob) => (blob.hashAlgorithm = 'sha1'));
    expect(problemOf(verifySshSignature({ message, signature: tampered }))).toMatch(/hash algorithm "sha1"/);
  });

  it('accepts sha256, which ssh-keygen may use, when really signed so', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
    const signed = sshsigSignedData('handrail', 'sha256', new TextEncoder().encode(message));
    const text = armourSshsig(
      encodeSshsig({
        publicKey: ed25519PublicKeyBlob(raw),
        namespace: 'handrail',
        reserved: new Uint8Array(0),
        hashAlgorithm: 'sha256',
        signature: ed25519SshSignature(privateKey, signed),
      }),
    );
    expect(verifySshSignature({ message, signature: text })).toMatchObject({
      valid: true,
      hashAlgorithm: 'sha256',
    });
  });

  it('reports the claimed signer of an invalid signature and its fingerprint as ssh-keygen prints it', () => {
    const result = verifySshSignature({ message: `${message}x`, signature });
    expect(result.valid).toBe(false);
    expect(result.signer?.fingerprint).toBe(key.fingerprint);
    const expected = createHash('sha256')
      .update(Buffer.from(key.publicKey.split(' ')[1] ?? '', 'base64'))
      .digest('base64')
      .replace(/=+$/, '');
    expect(key.fingerprint).toBe(`SHA256:${expected}`);
  });

  it('verifies RSA with SHA-2 and refuses RSA with SHA-1 (ssh-rsa)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const good = verifySshSignature({
      message,
      signature: rsaSigned(privateKey, publicKey, 'rsa-sha2-256', 'sha256'),
    });
    expect(good).toMatchObject({ valid: true, signatureAlgorithm: 'rsa-sha2-256' });
    const sha1 = verifySshSignature({
      message,
      signature: rsaSigned(privateKey, publicKey, 'ssh-rsa', 'sha1'),
    });
    expect(problemOf(sha1)).toMatch(/"ssh-rsa" does not fit/);
  });

  it('never throws on garbage, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 300 }).map((bytes) => armourSshsig(bytes)),
        ),
        (text) => {
          expect(verifySshSignature({ message, signature: text }).valid).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('throws for an expected signer that is neither a key nor a fingerprint', () => {
    expect(() => verifySshSignature({ message, signature, expectedSigner: 'bob' })).toThrow(SshFormatError);
  });
});

describe("Handrail's key file", () => {
  it('encodes and decodes the OpenSSH format, and refuses a key whose halves do not match', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const text = encodeOpenSshEd25519(privateKey, 'c');
    expect(decodeOpenSshEd25519(text, 'k').comment).toBe('c');
    // Change one byte of the outer copy of the public key (after magic, cipher, kdf, options, count,
    // blob length, "ssh-ed25519" and the key length: 15+8+8+4+4+4+15+4 = 62).
    const body = Buffer.from(text.split('\n').slice(1, -2).join(''), 'base64');
    body[62] = (body[62] ?? 0) ^ 1;
    const pem = [
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      body.toString('base64'),
      '-----END OPENSSH PRIVATE KEY-----',
    ];
    expect(() => decodeOpenSshEd25519(pem.join('\n'), 'mixed-key')).toThrow(
      /mixed-key: the outer public key differs/,
    );
  });

  it('creates the key once and reuses it', () => {
    const dir = join(temp.path, 'again');
    const first = loadOrCreateHandrailSigningKey(dir);
    expect(loadOrCreateHandrailSigningKey(dir).fingerprint).toBe(first.fingerprint);
    expect(readFileSync(first.publicKeyPath, 'utf8')).toMatch(/^ssh-ed25519 AAAA\S+ handrail@/);
  });

  it('refuses a key file that other users can read', () => {
    const dir = join(temp.path, 'open');
    const created = loadOrCreateHandrailSigningKey(dir);
    chmodSync(created.privateKeyPath, 0o644);
    expect(() => loadOrCreateHandrailSigningKey(dir)).toThrow(
      /accessible by other users \(mode 644\).*chmod 600/,
    );
  });

  it('names the file when it is not a key', () => {
    const dir = join(temp.path, 'broken');
    const created = loadOrCreateHandrailSigningKey(dir);
    writeFileSync(created.privateKeyPath, 'not a key\n', { mode: 0o600 });
    expect(() => loadOrCreateHandrailSigningKey(dir)).toThrow(created.privateKeyPath);
  });
});

describe('allowed signers and the verify command', () => {
  it('writes an allowed_signers line restricted to the handrail namespace', () => {
    expect(allowedSignersLine('ops@handrail', `${key.publicKey} some comment`)).toBe(
      `ops@handrail namespaces="handrail" ${key.publicKey}`,
    );
    expect(() => allowedSignersLine('a b@handrail', key.publicKey)).toThrow(/must look like name@domain/);
    expect(() => allowedSignersLine('*@handrail', key.publicKey)).toThrow(/must look like/);
    expect(() => allowedSignersLine('ops@handrail', key.publicKey.replace('ssh-ed25519', 'ssh-rsa'))).toThrow(
      /says "ssh-rsa"/,
    );
  });

  it('derives identities from names', () => {
    expect(signerIdentity("Zoë O'Brien")).toBe('zoe.obrien@handrail');
    expect(signerIdentity('  Jan  van der Berg ')).toBe('jan.van.der.berg@handrail');
    expect(signerIdentity('李')).toBe('signer@handrail');
  });

  it('gives the exact ssh-keygen -Y verify command, quoting what needs it', () => {
    expect(sshKeygenVerifyCommand({ identity: 'ops@handrail' })).toBe(
      'ssh-keygen -Y verify -f allowed_signers -I ops@handrail -n handrail -s payload.sig < payload',
    );
    expect(
      sshKeygenVerifyCommand({
        identity: 'ops@handrail',
        payload: "run 1's payload.json",
        signature: 'a b.sig',
      }),
    ).toBe(
      `ssh-keygen -Y verify -f allowed_signers -I ops@handrail -n handrail -s 'a b.sig' < 'run 1'\\''s payload.json'`,
    );
    expect(shellQuote('$(rm -rf ~)')).toBe(`'$(rm -rf ~)'`);
  });
});
