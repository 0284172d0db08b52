import { createHash } from 'node:crypto';
import { signatureNamespace } from '../../../shared/report/signer-principal';
import { concatBytes, SshFormatError, SshReader, sshString, sshUint32 } from './ssh-wire';

/**
 * The SSH signature container of OpenSSH's PROTOCOL.sshsig (what `ssh-keygen -Y sign` writes):
 * the binary blob, the bytes the key actually signs, and the armoured text form.
 */

/** Every Handrail signature uses this namespace (shared/report/signer-principal.ts). */
export const handrailNamespace = signatureNamespace;

const magic = new TextEncoder().encode('SSHSIG');
const version = 1;
const hashAlgorithms = ['sha512', 'sha256'] as const;
export type SshsigHashAlgorithm = (typeof hashAlgorithms)[number];

const armourBegin = '-----BEGIN SSH SIGNATURE-----';
const armourEnd = '-----END SSH SIGNATURE-----';
/** ssh-keygen wraps the base64 at 70 columns (sshbuf_dtob64 with wrap); verifiers accept any width. */
const armourWidth = 70;

export interface SshsigBlob {
  publicKey: Uint8Array;
  namespace: string;
  reserved: Uint8Array;
  hashAlgorithm: string;
  signature: Uint8Array;
}

export function isSshsigHashAlgorithm(name: string): name is SshsigHashAlgorithm {
  return (hashAlgorithms as readonly string[]).includes(name);
}

/** The bytes the key signs: magic, namespace, reserved, hash algorithm and H(message) (section 3). */
export function sshsigSignedData(
  namespace: string,
  hashAlgorithm: SshsigHashAlgorithm,
  message: Uint8Array,
): Uint8Array {
  if (namespace === '') throw new SshFormatError('SSH signature: the namespace must not be empty');
  const digest = new Uint8Array(createHash(hashAlgorithm).update(message).digest());
  return concatBytes(magic, sshString(namespace), sshString(''), sshString(hashAlgorithm), sshString(digest));
}

export function encodeSshsig(blob: SshsigBlob): Uint8Array {
  return concatBytes(
    magic,
    sshUint32(version),
    sshString(blob.publicKey),
    sshString(blob.namespace),
    sshString(blob.reserved),
    sshString(blob.hashAlgorithm),
    sshString(blob.signature),
  );
}

/** Parses the binary blob (section 2); refuses other magic and versions newer than 1. */
export function decodeSshsig(bytes: Uint8Array): SshsigBlob {
  const reader = new SshReader(bytes, 'SSH signature');
  const preamble = reader.bytesOf(magic.length, 'magic preamble');
  if (!preamble.every((byte, index) => byte === magic[index]))
    throw reader.fail('does not start with the SSHSIG magic preamble');
  const found = reader.uint32('version');
  if (found !== version) throw reader.fail(`version ${found} is not supported (only ${version})`);
  const blob: SshsigBlob = {
    publicKey: reader.string('public key'),
    namespace: reader.text('namespace'),
    reserved: reader.string('reserved'),
    hashAlgorithm: reader.text('hash algorithm'),
    signature: reader.string('signature'),
  };
  reader.end();
  return blob;
}

/** The armoured text, exactly as ssh-keygen writes it (final newline included). */
export function armourSshsig(bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString('base64');
  const lines = [armourBegin];
  for (let at = 0; at < base64.length; at += armourWidth) lines.push(base64.slice(at, at + armourWidth));
  lines.push(armourEnd);
  return `${lines.join('\n')}\n`;
}

/**
 * The blob inside an armoured signature. Surrounding whitespace and CRLF line ends are accepted
 * (signatures get pasted and embedded); anything else between the markers is refused.
 */
export function dearmourSshsig(text: string): Uint8Array {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0]?.trim() !== armourBegin)
    throw new SshFormatError(`SSH signature: does not start with "${armourBegin}"`);
  if (lines.length < 3 || lines.at(-1)?.trim() !== armourEnd)
    throw new SshFormatError(`SSH signature: does not end with "${armourEnd}"`);
  const base64 = lines
    .slice(1, -1)
    .map((line) => line.trim())
    .join('');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0)
    throw new SshFormatError('SSH signature: the text between the markers is not base64');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
