import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { allowedSignersLine } from '../../../electron/host/signing/allowed-signers';
import { concatBytes, sshString, sshUint32 } from '../../../electron/host/signing/ssh-wire';
import { armourSshsig, encodeSshsig, sshsigSignedData } from '../../../electron/host/signing/sshsig';
import { verifySshSignature } from '../../../electron/host/signing/sshsig-verify';
import { keygenVerify, sshKeygenAvailable } from '../../support/ssh-keygen-cli';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Hardware (FIDO) keys cannot sign in a test, so this plays the authenticator with node:crypto,
 * following PROTOCOL.u2f, and uses the real `ssh-keygen -Y verify` as the judge of the format:
 * whatever both accept and both refuse, Handrail verifies as OpenSSH does.
 */

const available = sshKeygenAvailable();
const message = new TextEncoder().encode('{"run":"r-7","head":"9c1e"}\n');
const application = 'ssh:';

function mpint(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return sshString((trimmed[0] ?? 0) & 0x80 ? concatBytes(new Uint8Array([0]), trimmed) : trimmed);
}

function sha256(data: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

interface SecurityKey {
  type: string;
  publicBlob: Uint8Array;
  /** The authenticator's signature over its framed data, already SSH-encoded as the inner blob. */
  signInner(data: Uint8Array): Uint8Array;
}

function ed25519SecurityKey(): SecurityKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  const type = 'sk-ssh-ed25519@openssh.com';
  return {
    type,
    publicBlob: concatBytes(sshString(type), sshString(raw), sshString(application)),
    signInner: (data) => sshString(sign(null, data, privateKey)),
  };
}

function ecdsaSecurityKey(): SecurityKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const point = concatBytes(
    new Uint8Array([4]),
    Buffer.from(jwk.x ?? '', 'base64url'),
    Buffer.from(jwk.y ?? '', 'base64url'),
  );
  const type = 'sk-ecdsa-sha2-nistp256@openssh.com';
  return {
    type,
    publicBlob: concatBytes(sshString(type), sshString('nistp256'), sshString(point), sshString(application)),
    signInner: (data) => {
      const rs = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      return sshString(concatBytes(mpint(rs.subarray(0, 32)), mpint(rs.subarray(32))));
    },
  };
}

/** An armoured sshsig as ssh-keygen would write it with this security key. */
function securityKeySignature(
  key: SecurityKey,
  flags: number,
  counter: number,
  signedMessage = message,
): string {
  const signed = sshsigSignedData('handrail', 'sha512', signedMessage);
  const framed = concatBytes(
    sha256(application),
    new Uint8Array([flags]),
    sshUint32(counter),
    sha256(signed),
  );
  const signature = concatBytes(
    sshString(key.type),
    key.signInner(framed),
    new Uint8Array([flags]),
    sshUint32(counter),
  );
  return armourSshsig(
    encodeSshsig({
      publicKey: key.publicBlob,
      namespace: 'handrail',
      reserved: new Uint8Array(0),
      hashAlgorithm: 'sha512',
      signature,
    }),
  );
}

describe.skipIf(!available)('security-key (FIDO) signatures, judged by ssh-keygen', () => {
  const temp = makeTempDir('handrail-sk-');
  afterAll(() => temp.remove());

  describe.each([
    ['sk-ssh-ed25519', ed25519SecurityKey()],
    ['sk-ecdsa-sha2-nistp256', ecdsaSecurityKey()],
  ])('%s', (_label, key) => {
    const publicLine = `${key.type} ${Buffer.from(key.publicBlob).toString('base64')}`;
    const allowed = `${allowedSignersLine('ops@handrail', publicLine)}\n`;
    const check = (signature: string, signedMessage = message) => ({
      handrail: verifySshSignature({ message: signedMessage, signature }).valid,
      sshKeygen: keygenVerify({
        dir: temp.path,
        allowedSigners: allowed,
        identity: 'ops@handrail',
        signature,
        message: signedMessage,
      }).ok,
    });

    it('a touched key signature verifies in both', () => {
      const signature = securityKeySignature(key, 0x01, 42);
      expect(check(signature)).toEqual({ handrail: true, sshKeygen: true });
      expect(verifySshSignature({ message, signature })).toMatchObject({ valid: true, userPresent: true });
    });

    it('a signature made without a touch verifies in both, as OpenSSH 9.2 accepts it, and says so', () => {
      const signature = securityKeySignature(key, 0x00, 42);
      expect(check(signature)).toEqual({ handrail: true, sshKeygen: true });
      expect(verifySshSignature({ message, signature })).toMatchObject({ valid: true, userPresent: false });
    });

    it('a changed flags byte or counter fails in both', () => {
      const signature = securityKeySignature(key, 0x01, 42);
      const blob = Buffer.from(signature.split('\n').slice(1, -2).join(''), 'base64');
      for (const offset of [5, 4, 1]) {
        const tampered = Buffer.from(blob);
        tampered[tampered.length - offset] = (tampered[tampered.length - offset] ?? 0) ^ 0x04;
        expect(check(armourSshsig(tampered)), `offset -${offset}`).toEqual({
          handrail: false,
          sshKeygen: false,
        });
      }
    });

    it('every single changed byte of the payload fails in both', () => {
      const signature = securityKeySignature(key, 0x05, 7);
      for (let index = 0; index < message.length; index++) {
        const changed = message.slice();
        changed[index] = (changed[index] ?? 0) ^ 0x20;
        expect(check(signature, changed), `byte ${index}`).toEqual({ handrail: false, sshKeygen: false });
      }
    });
  });
});
