import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { ecdsaCoordinateSize, ecdsaHashFor, type SshPublicKey } from './ssh-public-key';
import { concatBytes, leftPad, SshReader, sshString } from './ssh-wire';

/**
 * One SSH signature as the SSH protocol encodes it (`string algorithm, string blob`), checked
 * against a key and the exact signed bytes: Ed25519 (RFC 8709 6), ECDSA (RFC 5656 3.1.2) and RSA
 * with SHA-2 (RFC 8332 3), and FIDO security keys (PROTOCOL.u2f). RSA with SHA-1 (`ssh-rsa`) is
 * refused, as PROTOCOL.sshsig requires.
 */

/** The authenticator's "user present" flag (PROTOCOL.u2f); ssh-keygen -Y verify requires it by default. */
const userPresenceFlag = 0x01;

const rsaAlgorithms: Record<string, string> = { 'rsa-sha2-512': 'sha512', 'rsa-sha2-256': 'sha256' };

export interface KeySignatureCheck {
  algorithm: string;
  valid: boolean;
  /** Security keys only: whether the key was touched (user presence) when it signed. */
  userPresent?: boolean;
}

/**
 * Whether `signature` is `key`'s signature over `data`. A malformed signature, or one whose
 * algorithm does not fit the key, throws SshFormatError; a well-formed wrong one is `valid: false`.
 */
export function checkSshKeySignature(
  key: SshPublicKey,
  signature: Uint8Array,
  data: Uint8Array,
): KeySignatureCheck {
  const reader = new SshReader(signature, 'SSH signature');
  const algorithm = reader.text('signature algorithm');
  const blob = reader.string('signature blob');
  if (key.type === 'sk-ssh-ed25519@openssh.com' || key.type === 'sk-ecdsa-sha2-nistp256@openssh.com') {
    if (algorithm !== key.type) throw mismatch(reader, algorithm, key.type);
    const flags = reader.bytesOf(1, 'flags')[0] ?? 0;
    const counter = reader.bytesOf(4, 'counter');
    reader.end();
    // The authenticator signs SHA256(application) || flags || counter || SHA256(data).
    const signed = concatBytes(sha256(key.application), new Uint8Array([flags]), counter, sha256(data));
    const inner = key.type === 'sk-ssh-ed25519@openssh.com' ? 'ssh-ed25519' : 'ecdsa-sha2-nistp256';
    const plain: PlainKey =
      inner === 'ssh-ed25519'
        ? { type: inner, blob: key.blob, key: key.key }
        : { type: inner, curve: 'nistp256', blob: key.blob, key: key.key };
    const valid = verifyBlob(plain, inner, blob, signed, reader);
    return { algorithm, valid, userPresent: (flags & userPresenceFlag) !== 0 };
  }
  reader.end();
  return { algorithm, valid: verifyBlob(key, algorithm, blob, data, reader) };
}

function sha256(data: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** Keys whose signature is the bare algorithm's, without security-key framing. */
type PlainKey = Exclude<SshPublicKey, { application: string }>;

function verifyBlob(
  key: PlainKey,
  algorithm: string,
  blob: Uint8Array,
  data: Uint8Array,
  reader: SshReader,
): boolean {
  switch (key.type) {
    case 'ssh-ed25519':
      if (algorithm !== 'ssh-ed25519') throw mismatch(reader, algorithm, key.type);
      if (blob.length !== 64) throw reader.fail(`Ed25519 signature is ${blob.length} bytes, not 64`);
      return verify(null, data, key.key, blob);
    case 'ssh-rsa': {
      const hash = rsaAlgorithms[algorithm];
      if (hash === undefined) throw mismatch(reader, algorithm, 'rsa-sha2-512 or rsa-sha2-256');
      const modulusBytes = Math.ceil(key.bits / 8);
      if (blob.length > modulusBytes) throw reader.fail('RSA signature is longer than the modulus');
      // RFC 8332 3: a signer may drop leading zero bytes; OpenSSL wants the full length.
      return verify(hash, data, key.key, leftPad(blob, modulusBytes));
    }
    default: {
      if (algorithm !== key.type) throw mismatch(reader, algorithm, key.type);
      const size = ecdsaCoordinateSize(key.curve);
      const parts = new SshReader(blob, 'ECDSA signature');
      const r = parts.positiveMpint('r');
      const s = parts.positiveMpint('s');
      parts.end();
      if (r.length > size || s.length > size) throw parts.fail('r or s is larger than the curve order');
      const p1363 = concatBytes(leftPad(r, size), leftPad(s, size));
      return verify(ecdsaHashFor(key.curve), data, { key: key.key, dsaEncoding: 'ieee-p1363' }, p1363);
    }
  }
}

function mismatch(reader: SshReader, algorithm: string, expected: string): Error {
  return reader.fail(`signature algorithm "${algorithm}" does not fit the key (expected ${expected})`);
}

/** An Ed25519 SSH signature (`string "ssh-ed25519", string sig`) over `data`. */
export function ed25519SshSignature(privateKey: KeyObject, data: Uint8Array): Uint8Array {
  return concatBytes(sshString('ssh-ed25519'), sshString(new Uint8Array(sign(null, data, privateKey))));
}
