import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedSignersLine } from '../../../electron/host/signing/allowed-signers';
import {
  loadOrCreateHandrailSigningKey,
  type HandrailSigningKey,
} from '../../../electron/host/signing/handrail-signing-key';
import { signWithSshKeygen } from '../../../electron/host/signing/ssh-keygen-signer';
import { verifySshSignature } from '../../../electron/host/signing/sshsig-verify';
import {
  armourSshsig,
  decodeSshsig,
  dearmourSshsig,
  encodeSshsig,
} from '../../../electron/host/signing/sshsig';
import {
  generateKey,
  keygenFingerprint,
  keygenVerify,
  sshAdd,
  sshKeygenAvailable,
  startSshAgent,
} from '../../support/ssh-keygen-cli';
import { makeTempDir } from '../../support/temp-dir';

const available = sshKeygenAvailable();

/** 40 bytes with text, a newline and bytes that are not UTF-8, so nothing is normalised away. */
const payload = new Uint8Array([
  ...new TextEncoder().encode('{"run":"r-1","head":"ab12"}\n'),
  0x00,
  0xff,
  0xfe,
  0x80,
  0x7f,
  0x1b,
  0x0d,
  0x0a,
  0x09,
  0xc3,
  0x28,
  0x41,
]);

/** The payload with byte `index` changed to another value (a different bit for each position). */
function withByteChanged(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] ?? 0) ^ (1 << (index % 8));
  return copy;
}

interface Signed {
  label: string;
  signature: string;
  publicKey: string;
  fingerprint: string;
}

describe.skipIf(!available)('SSH signatures against the real ssh-keygen', () => {
  const temp = makeTempDir('handrail-sshsig-');
  const dataDir = join(temp.path, 'data');
  let handrailKey: HandrailSigningKey;
  const signatures: Signed[] = [];
  const keyPaths: Record<string, string> = {};

  beforeAll(async () => {
    handrailKey = loadOrCreateHandrailSigningKey(dataDir);
    signatures.push({
      label: 'Handrail key',
      signature: handrailKey.sign(payload),
      publicKey: handrailKey.publicKey,
      fingerprint: handrailKey.fingerprint,
    });
    for (const [type, extra] of [
      ['ed25519', []],
      ['ecdsa', ['-b', '256']],
      ['rsa', ['-b', '2048']],
    ] as const) {
      const path = join(temp.path, `id_${type}`);
      generateKey(path, type, '', [...extra]);
      keyPaths[type] = path;
      const { signature } = await signWithSshKeygen({ keyPath: path, message: payload });
      signatures.push({
        label: `ssh-keygen ${type}`,
        signature,
        publicKey: readFileSync(`${path}.pub`, 'utf8'),
        fingerprint: keygenFingerprint(`${path}.pub`),
      });
    }
  });
  afterAll(() => temp.remove());

  function allowed(signed: Signed, identity = 'ops@handrail'): string {
    return `${allowedSignersLine(identity, signed.publicKey)}\n`;
  }

  function handrail(): Signed {
    const first = signatures[0];
    if (!first) throw new Error('no Handrail signature');
    return first;
  }

  it('keeps its own key as an OpenSSH private key, mode 0600 in a 0700 folder, that ssh-keygen reads', () => {
    expect(statSync(handrailKey.privateKeyPath).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
    expect(keygenFingerprint(handrailKey.privateKeyPath)).toBe(handrailKey.fingerprint);
    expect(keygenFingerprint(handrailKey.publicKeyPath)).toBe(handrailKey.fingerprint);
    expect(loadOrCreateHandrailSigningKey(dataDir).fingerprint).toBe(handrailKey.fingerprint);
  });

  it('signs with its own key file through ssh-keygen too, and the result verifies in Handrail', async () => {
    const { signature, signer } = await signWithSshKeygen({
      keyPath: handrailKey.privateKeyPath,
      message: payload,
    });
    expect(signer?.fingerprint).toBe(handrailKey.fingerprint);
    expect(verifySshSignature({ message: payload, signature }).valid).toBe(true);
  });

  it('makes signatures that ssh-keygen -Y verify accepts', () => {
    const signed = handrail();
    const result = keygenVerify({
      dir: temp.path,
      allowedSigners: allowed(signed),
      identity: 'ops@handrail',
      signature: signed.signature,
      message: payload,
    });
    expect(result.output).toContain(
      `Good "handrail" signature for ops@handrail with ED25519 key ${signed.fingerprint}`,
    );
    expect(result.ok).toBe(true);
  });

  it.each(['Handrail key', 'ssh-keygen ed25519', 'ssh-keygen ecdsa', 'ssh-keygen rsa'])(
    'verifies in Handrail and in ssh-keygen: %s',
    (label) => {
      const signed = signatures.find((candidate) => candidate.label === label);
      if (!signed) throw new Error(`no signature ${label}`);
      const result = verifySshSignature({ message: payload, signature: signed.signature });
      expect(result).toMatchObject({ valid: true, namespace: 'handrail', hashAlgorithm: 'sha512' });
      if (result.valid) expect(result.signer.fingerprint).toBe(signed.fingerprint);
      if (label.endsWith('rsa') && result.valid) expect(result.signatureAlgorithm).toBe('rsa-sha2-512');
      const keygen = keygenVerify({
        dir: temp.path,
        allowedSigners: allowed(signed),
        identity: 'ops@handrail',
        signature: signed.signature,
        message: payload,
      });
      expect(keygen.ok).toBe(true);
    },
  );

  it('every single changed byte of the payload fails in Handrail, for every signer', () => {
    expect(payload.length).toBe(40);
    for (const signed of signatures) {
      for (let index = 0; index < payload.length; index++) {
        const result = verifySshSignature({
          message: withByteChanged(payload, index),
          signature: signed.signature,
        });
        expect(result.valid, `${signed.label}, byte ${index}`).toBe(false);
      }
      expect(
        verifySshSignature({ message: payload.subarray(0, 39), signature: signed.signature }).valid,
      ).toBe(false);
      const longer = new Uint8Array([...payload, 0x0a]);
      expect(verifySshSignature({ message: longer, signature: signed.signature }).valid).toBe(false);
    }
  });

  // Every position, for a Handrail-made and an ssh-keygen-made signature: 80 short ssh-keygen runs.
  it.each(['Handrail key', 'ssh-keygen ed25519'])(
    'every single changed byte of the payload fails in ssh-keygen -Y verify: %s',
    (label) => {
      const signed = signatures.find((candidate) => candidate.label === label);
      if (!signed) throw new Error(`no signature ${label}`);
      for (let index = 0; index < payload.length; index++) {
        const result = keygenVerify({
          dir: temp.path,
          allowedSigners: allowed(signed),
          identity: 'ops@handrail',
          signature: signed.signature,
          message: withByteChanged(payload, index),
        });
        expect(result.ok, `byte ${index}: ${result.output}`).toBe(false);
      }
    },
  );

  it('every single changed byte of the signature blob fails in Handrail and in ssh-keygen', () => {
    const signed = handrail();
    const blob = dearmourSshsig(signed.signature);
    for (let index = 0; index < blob.length; index++) {
      const tampered = armourSshsig(withByteChanged(blob, index));
      const result = verifySshSignature({ message: payload, signature: tampered });
      expect(result.valid, `blob byte ${index}`).toBe(false);
      const keygen = keygenVerify({
        dir: temp.path,
        allowedSigners: allowed(signed),
        identity: 'ops@handrail',
        signature: tampered,
        message: payload,
      });
      expect(keygen.ok, `blob byte ${index}: ${keygen.output}`).toBe(false);
    }
  });

  it('refuses a signature made for another namespace, in both', async () => {
    const gitSigned = await signWithSshKeygen({
      keyPath: keyPaths.ed25519 ?? '',
      message: payload,
      namespace: 'git',
    });
    const result = verifySshSignature({ message: payload, signature: gitSigned.signature });
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.problem).toMatch(/namespace "git", not "handrail"/);
    // The key itself is fine: the same signature checks out in its own namespace.
    expect(
      verifySshSignature({ message: payload, signature: gitSigned.signature, namespace: 'git' }).valid,
    ).toBe(true);

    const signed = handrail();
    const keygen = keygenVerify({
      dir: temp.path,
      allowedSigners: `ops@handrail ${signed.publicKey}\n`,
      identity: 'ops@handrail',
      signature: signed.signature,
      message: payload,
      namespace: 'git',
    });
    expect(keygen.ok).toBe(false);
  });

  it('refuses the wrong key, in both', () => {
    const signed = handrail();
    const other = signatures.find((candidate) => candidate.label === 'ssh-keygen ed25519');
    if (!other) throw new Error('no second key');
    const expectingOther = verifySshSignature({
      message: payload,
      signature: signed.signature,
      expectedSigner: other.publicKey,
    });
    expect(expectingOther.valid).toBe(false);
    if (!expectingOther.valid)
      expect(expectingOther.problem).toContain(`not by the expected key ${other.fingerprint}`);
    expect(
      verifySshSignature({
        message: payload,
        signature: signed.signature,
        expectedSigner: signed.fingerprint,
      }).valid,
    ).toBe(true);

    const keygen = keygenVerify({
      dir: temp.path,
      allowedSigners: allowed(other),
      identity: 'ops@handrail',
      signature: signed.signature,
      message: payload,
    });
    expect(keygen.ok).toBe(false);

    // Swapping in another public key while keeping the signature: both refuse.
    const swapped = decodeSshsig(dearmourSshsig(signed.signature));
    swapped.publicKey = decodeSshsig(dearmourSshsig(other.signature)).publicKey;
    expect(swapped.publicKey).not.toEqual(decodeSshsig(dearmourSshsig(signed.signature)).publicKey);
    const forged = armourSshsig(encodeSshsig(swapped));
    expect(verifySshSignature({ message: payload, signature: forged }).valid).toBe(false);
    expect(
      keygenVerify({
        dir: temp.path,
        allowedSigners: allowed(other),
        identity: 'ops@handrail',
        signature: forged,
        message: payload,
      }).ok,
    ).toBe(false);
  });

  it('says a passphrase is needed instead of waiting for one, and works once ssh-agent holds the key', async () => {
    const path = join(temp.path, 'id_locked');
    generateKey(path, 'ed25519', 'correct horse');
    const noAgent = { ...process.env, SSH_AUTH_SOCK: '' };
    await expect(signWithSshKeygen({ keyPath: path, message: payload, env: noAgent })).rejects.toThrow(
      /protected by a passphrase and Handrail has no terminal to ask for it: add the key to ssh-agent/,
    );

    const agent = await startSshAgent(temp.path);
    try {
      sshAdd(agent.socket, path, temp.path, 'correct horse');
      const env = { ...process.env, SSH_AUTH_SOCK: agent.socket };
      const viaAgent = await signWithSshKeygen({ keyPath: path, message: payload, env });
      expect(viaAgent.signer?.fingerprint).toBe(keygenFingerprint(`${path}.pub`));
      // Only the public key on disk: the agent holds the private one.
      renameSync(path, `${path}.moved`);
      const publicOnly = await signWithSshKeygen({ keyPath: `${path}.pub`, message: payload, env });
      expect(verifySshSignature({ message: payload, signature: publicOnly.signature }).valid).toBe(true);
      await expect(
        signWithSshKeygen({ keyPath: `${path}.pub`, message: payload, env: noAgent }),
      ).rejects.toThrow(/ssh-agent does not hold the private key/);
    } finally {
      agent.stop();
    }
  });

  it('names a missing key, a missing ssh-keygen and a signer that does not finish', async () => {
    await expect(signWithSshKeygen({ keyPath: join(temp.path, 'nope'), message: payload })).rejects.toThrow(
      /SSH key not found: .*nope/,
    );
    await expect(
      signWithSshKeygen({
        keyPath: handrailKey.privateKeyPath,
        message: payload,
        sshKeygen: '/nonexistent/ssh-keygen',
      }),
    ).rejects.toThrow(/ssh-keygen not found: install the OpenSSH client/);
    const stuck = join(temp.path, 'stuck-ssh-keygen');
    writeFileSync(stuck, '#!/bin/sh\nexec sleep 600\n', { mode: 0o700 });
    await expect(
      signWithSshKeygen({
        keyPath: handrailKey.privateKeyPath,
        message: payload,
        sshKeygen: stuck,
        timeoutMs: 300,
      }),
    ).rejects.toThrow(/did not finish signing .* within 300 ms/);
  });
});
