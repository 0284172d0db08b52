import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { base64UrlOf, SshFormatError, SshReader, sshString } from './ssh-wire';

/**
 * SSH public keys in their wire form (RFC 4253 6.6, RFC 5656 3.1, RFC 8709 4): parsing into a
 * node:crypto key, the one-line `type base64 comment` form, and the SHA256 fingerprint exactly as
 * `ssh-keygen -l` prints it.
 */

/** ECDSA curves SSH names, with their JWK curve, coordinate size and the hash RFC 5656 6.2.1 pairs. */
const ecdsaCurves = {
  nistp256: { jwk: 'P-256', size: 32, hash: 'sha256' },
  nistp384: { jwk: 'P-384', size: 48, hash: 'sha384' },
  nistp521: { jwk: 'P-521', size: 66, hash: 'sha512' },
} as const;
export type EcdsaCurveName = keyof typeof ecdsaCurves;

/** OpenSSH refuses RSA keys shorter than this (SSH_RSA_MINIMUM_MODULUS_SIZE in sshkey.h). */
const minimumRsaBits = 1024;

export type SshPublicKey =
  | { type: 'ssh-ed25519'; blob: Uint8Array; key: KeyObject }
  | { type: `ecdsa-sha2-${EcdsaCurveName}`; curve: EcdsaCurveName; blob: Uint8Array; key: KeyObject }
  | { type: 'ssh-rsa'; blob: Uint8Array; key: KeyObject; bits: number }
  /** FIDO security keys (PROTOCOL.u2f): the key plus the application string it is bound to. */
  | { type: 'sk-ssh-ed25519@openssh.com'; blob: Uint8Array; key: KeyObject; application: string }
  | { type: 'sk-ecdsa-sha2-nistp256@openssh.com'; blob: Uint8Array; key: KeyObject; application: string };

export const supportedKeyTypes = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
] as const;

/** Parses an SSH public key blob; throws SshFormatError for malformed or unsupported keys. */
export function parseSshPublicKey(blob: Uint8Array): SshPublicKey {
  const reader = new SshReader(blob, 'SSH public key');
  const type = reader.text('key type');
  if (type === 'ssh-ed25519') return parseEd25519(reader, blob);
  if (type === 'ssh-rsa') return parseRsa(reader, blob);
  if (type === 'sk-ssh-ed25519@openssh.com') {
    const { key } = parseEd25519(reader, blob, false);
    return { type, blob, key, application: readApplication(reader) };
  }
  if (type === 'sk-ecdsa-sha2-nistp256@openssh.com') {
    const { key } = parseEcdsa(reader, blob, 'nistp256', false);
    return { type, blob, key, application: readApplication(reader) };
  }
  const curve = type.startsWith('ecdsa-sha2-') ? type.slice('ecdsa-sha2-'.length) : '';
  if (isCurve(curve)) return parseEcdsa(reader, blob, curve);
  throw new SshFormatError(
    `SSH public key: type "${type}" is not supported here (supported: ${supportedKeyTypes.join(', ')}); ` +
      'check such signatures with ssh-keygen -Y verify',
  );
}

/** Parses `type base64 [comment]` (one authorized_keys / .pub line, without options). */
export function parseSshPublicKeyLine(line: string): SshPublicKey {
  const [type, base64] = line.trim().split(/\s+/);
  if (type === undefined || base64 === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64))
    throw new SshFormatError('SSH public key line: expected "<type> <base64> [comment]"');
  const key = parseSshPublicKey(new Uint8Array(Buffer.from(base64, 'base64')));
  if (key.type !== type)
    throw new SshFormatError(`SSH public key line: says "${type}" but the key inside is "${key.type}"`);
  return key;
}

/** `type base64` (plus ` comment` when given), the form of a .pub file and allowed_signers. */
export function sshPublicKeyLine(key: Pick<SshPublicKey, 'type' | 'blob'>, comment?: string): string {
  const line = `${key.type} ${Buffer.from(key.blob).toString('base64')}`;
  return comment ? `${line} ${comment}` : line;
}

/** `SHA256:` + unpadded base64 of SHA-256 over the key blob, as ssh-keygen -l prints it. */
export function sshFingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The wire blob of an Ed25519 public key from its 32 raw bytes. */
export function ed25519PublicKeyBlob(raw: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([sshString('ssh-ed25519'), sshString(raw)]));
}

export function ecdsaHashFor(curve: EcdsaCurveName): string {
  return ecdsaCurves[curve].hash;
}

export function ecdsaCoordinateSize(curve: EcdsaCurveName): number {
  return ecdsaCurves[curve].size;
}

function isCurve(name: string): name is EcdsaCurveName {
  return Object.hasOwn(ecdsaCurves, name);
}

function parseEd25519(reader: SshReader, blob: Uint8Array, complete = true): SshPublicKey {
  const raw = reader.string('Ed25519 key');
  if (complete) reader.end();
  if (raw.length !== 32) throw reader.fail(`Ed25519 key is ${raw.length} bytes, not 32`);
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: base64UrlOf(raw) }, format: 'jwk' });
  return { type: 'ssh-ed25519', blob, key };
}

function parseEcdsa(
  reader: SshReader,
  blob: Uint8Array,
  curve: EcdsaCurveName,
  complete = true,
): SshPublicKey {
  const named = reader.text('curve name');
  const point = reader.string('EC point');
  if (complete) reader.end();
  if (named !== curve) throw reader.fail(`key type names ${curve} but the curve field says "${named}"`);
  const { jwk, size } = ecdsaCurves[curve];
  if (point.length !== 1 + 2 * size || point[0] !== 0x04)
    throw reader.fail(`EC point is not an uncompressed ${curve} point`);
  const x = base64UrlOf(point.subarray(1, 1 + size));
  const y = base64UrlOf(point.subarray(1 + size));
  try {
    const key = createPublicKey({ key: { kty: 'EC', crv: jwk, x, y }, format: 'jwk' });
    return { type: `ecdsa-sha2-${curve}`, curve, blob, key };
  } catch {
    throw reader.fail(`EC point is not on curve ${curve}`);
  }
}

function readApplication(reader: SshReader): string {
  const application = reader.text('security key application');
  reader.end();
  return application;
}

function parseRsa(reader: SshReader, blob: Uint8Array): SshPublicKey {
  const e = reader.positiveMpint('RSA exponent');
  const n = reader.positiveMpint('RSA modulus');
  reader.end();
  const bits = n.length === 0 ? 0 : (n.length - 1) * 8 + (32 - Math.clz32(n[0] ?? 0));
  if (bits < minimumRsaBits) throw reader.fail(`RSA modulus of ${bits} bits is below ${minimumRsaBits}`);
  const key = createPublicKey({ key: { kty: 'RSA', n: base64UrlOf(n), e: base64UrlOf(e) }, format: 'jwk' });
  return { type: 'ssh-rsa', blob, key, bits };
}
