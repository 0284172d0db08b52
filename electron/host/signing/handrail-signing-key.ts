import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ed25519SshSignature } from './ssh-key-signature';
import { decodeOpenSshEd25519, encodeOpenSshEd25519, type Ed25519KeyPair } from './openssh-private-key';
import { ed25519PublicKeyBlob, sshFingerprint, sshPublicKeyLine } from './ssh-public-key';
import { armourSshsig, encodeSshsig, handrailNamespace, sshsigSignedData } from './sshsig';

/**
 * The Ed25519 key Handrail generates for operators who do not sign with their own SSH key. It is
 * kept in <data dir>/keys/handrail_ed25519 (mode 0600, folder 0700) in OpenSSH's private key
 * format, so `ssh-keygen -Y sign -f` can use the same file, with the usual .pub beside it.
 */

export const handrailKeyFileName = 'handrail_ed25519';

export interface HandrailSigningKey {
  privateKeyPath: string;
  publicKeyPath: string;
  /** `ssh-ed25519 AAAA...` */
  publicKey: string;
  /** `SHA256:...` */
  fingerprint: string;
  comment: string;
  /** An armoured SSH signature (namespace `handrail`, sha512) over the message's bytes. */
  sign(message: Uint8Array | string): string;
}

/** Loads the data folder's key, generating it first when there is none. */
export function loadOrCreateHandrailSigningKey(dataDir: string): HandrailSigningKey {
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const privateKeyPath = join(dir, handrailKeyFileName);
  if (!exists(privateKeyPath)) createKeyFile(privateKeyPath);
  const pair = readKeyFile(privateKeyPath);
  const key = toSigningKey(pair, privateKeyPath);
  // The .pub is derived data: (re)write it so it always matches the private key.
  writeFileSync(
    key.publicKeyPath,
    `${sshPublicKeyLine({ type: 'ssh-ed25519', blob: blobOf(pair) }, pair.comment)}\n`,
    {
      mode: 0o644,
    },
  );
  return key;
}

/** An armoured SSH signature by an Ed25519 private key. */
export function signWithEd25519(
  privateKey: KeyObject,
  publicRaw: Uint8Array,
  message: Uint8Array | string,
  namespace = handrailNamespace,
): string {
  const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message;
  const signed = sshsigSignedData(namespace, 'sha512', bytes);
  const blob = encodeSshsig({
    publicKey: ed25519PublicKeyBlob(publicRaw),
    namespace,
    reserved: new Uint8Array(0),
    hashAlgorithm: 'sha512',
    signature: ed25519SshSignature(privateKey, signed),
  });
  return armourSshsig(blob);
}

function toSigningKey(pair: Ed25519KeyPair, privateKeyPath: string): HandrailSigningKey {
  const blob = blobOf(pair);
  return {
    privateKeyPath,
    publicKeyPath: `${privateKeyPath}.pub`,
    publicKey: sshPublicKeyLine({ type: 'ssh-ed25519', blob }),
    fingerprint: sshFingerprint(blob),
    comment: pair.comment,
    sign: (message) => signWithEd25519(pair.privateKey, pair.publicRaw, message),
  };
}

function blobOf(pair: Ed25519KeyPair): Uint8Array {
  return ed25519PublicKeyBlob(pair.publicRaw);
}

/**
 * Writes a new key under a temporary name and hard-links it into place, so a reader never sees a
 * half-written key and two processes starting at once end up sharing the first one written.
 */
function createKeyFile(path: string): void {
  const { privateKey } = generateKeyPairSync('ed25519');
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, encodeOpenSshEd25519(privateKey, `handrail@${hostname()}`), {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readKeyFile(path: string): Ed25519KeyPair {
  const stats = lstatSync(path);
  if (!stats.isFile()) throw new Error(`${path}: Handrail's signing key must be a regular file`);
  // Like ssh, refuse a private key others could have read: it may no longer be ours alone.
  if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0)
    throw new Error(
      `${path}: the signing key is accessible by other users (mode ${(stats.mode & 0o777).toString(8)}); ` +
        `if that was not intended, run chmod 600 ${path}`,
    );
  return decodeOpenSshEd25519(readFileSync(path, 'utf8'), path);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
