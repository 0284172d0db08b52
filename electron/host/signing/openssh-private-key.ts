import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { ed25519PublicKeyBlob } from './ssh-public-key';
import { base64UrlOf, concatBytes, SshFormatError, SshReader, sshString, sshUint32 } from './ssh-wire';

/**
 * Unencrypted Ed25519 keys in OpenSSH's own private key format (PROTOCOL.key,
 * `-----BEGIN OPENSSH PRIVATE KEY-----`), the format `ssh-keygen -t ed25519` writes. Handrail keeps
 * its generated key this way so the standard tools (`ssh-keygen -Y sign -f`, `ssh-keygen -y`,
 * `ssh-add`) accept the very same file, and the public key travels inside it.
 */

const authMagic = new TextEncoder().encode('openssh-key-v1\0');
const pemBegin = '-----BEGIN OPENSSH PRIVATE KEY-----';
const pemEnd = '-----END OPENSSH PRIVATE KEY-----';
/** Unencrypted keys pad their private section to 8 bytes (the "none" cipher's block size). */
const blockSize = 8;

export interface Ed25519KeyPair {
  privateKey: KeyObject;
  /** The 32 raw public key bytes. */
  publicRaw: Uint8Array;
  comment: string;
}

/** Raw 32-byte seed and public key of a node:crypto Ed25519 private key. */
export function ed25519RawParts(privateKey: KeyObject): { seed: Uint8Array; publicRaw: Uint8Array } {
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || jwk.d === undefined || jwk.x === undefined)
    throw new Error('expected an Ed25519 private key');
  return { seed: Buffer.from(jwk.d, 'base64url'), publicRaw: Buffer.from(jwk.x, 'base64url') };
}

export function encodeOpenSshEd25519(privateKey: KeyObject, comment: string): string {
  const { seed, publicRaw } = ed25519RawParts(privateKey);
  const check = randomBytes(4);
  const unpadded = concatBytes(
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(publicRaw),
    // OpenSSH stores the 64-byte "secret key" of the reference implementation: seed || public.
    sshString(concatBytes(seed, publicRaw)),
    sshString(comment),
  );
  const padding = Array.from(
    { length: (blockSize - (unpadded.length % blockSize)) % blockSize },
    (_, i) => i + 1,
  );
  const body = concatBytes(
    authMagic,
    sshString('none'),
    sshString('none'),
    sshString(''),
    sshUint32(1),
    sshString(ed25519PublicKeyBlob(publicRaw)),
    sshString(concatBytes(unpadded, new Uint8Array(padding))),
  );
  const base64 = Buffer.from(body).toString('base64');
  const lines = [pemBegin];
  for (let at = 0; at < base64.length; at += 70) lines.push(base64.slice(at, at + 70));
  lines.push(pemEnd);
  return `${lines.join('\n')}\n`;
}

/** Reads an unencrypted Ed25519 OpenSSH private key; `where` names the file in errors. */
export function decodeOpenSshEd25519(text: string, where: string): Ed25519KeyPair {
  const reader = new SshReader(pemBody(text, where), where);
  if (!reader.bytesOf(authMagic.length, 'magic').every((byte, i) => byte === authMagic[i]))
    throw reader.fail('not an OpenSSH private key (bad magic)');
  const cipher = reader.text('cipher name');
  reader.text('kdf name');
  reader.string('kdf options');
  if (cipher !== 'none')
    throw reader.fail(`is encrypted (${cipher}); Handrail's own key is stored unencrypted with mode 0600`);
  if (reader.uint32('key count') !== 1) throw reader.fail('holds more than one key');
  const publicBlob = reader.string('public key');
  const section = new SshReader(reader.string('private section'), where);
  reader.end();
  if (section.uint32('check 1') !== section.uint32('check 2')) throw section.fail('check integers differ');
  const type = section.text('key type');
  if (type !== 'ssh-ed25519') throw section.fail(`holds a ${type} key, not ssh-ed25519`);
  const publicRaw = section.string('public key');
  const secret = section.string('secret key');
  const comment = section.text('comment');
  checkPadding(section);
  if (secret.length !== 64 || publicRaw.length !== 32) throw section.fail('Ed25519 key has the wrong length');
  const privateKey = createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: base64UrlOf(secret.subarray(0, 32)), x: base64UrlOf(publicRaw) },
    format: 'jwk',
  });
  const derived = ed25519RawParts(privateKey).publicRaw;
  if (!sameBytes(derived, publicRaw) || !sameBytes(derived, secret.subarray(32)))
    throw section.fail('the public key does not belong to the private key');
  if (!sameBytes(ed25519PublicKeyBlob(derived), publicBlob))
    throw section.fail('the outer public key differs');
  return { privateKey, publicRaw: derived, comment };
}

function pemBody(text: string, where: string): Uint8Array {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0] !== pemBegin || lines.at(-1) !== pemEnd)
    throw new SshFormatError(`${where}: not an OpenSSH private key (expected "${pemBegin}")`);
  return new Uint8Array(Buffer.from(lines.slice(1, -1).join(''), 'base64'));
}

function checkPadding(section: SshReader): void {
  const padding = section.bytesOf(section.remaining, 'padding');
  if (padding.length >= blockSize || !padding.every((byte, i) => byte === i + 1))
    throw section.fail('bad padding');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
