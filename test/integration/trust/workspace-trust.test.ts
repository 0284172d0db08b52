import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/contract/errors';
import { openDatabase } from '../../../electron/host/store/database';
import { WorkspaceTrust } from '../../../electron/host/trust/workspace-trust';
import { generateKey, keygenFingerprint, sshKeygenAvailable } from '../../support/ssh-keygen-cli';
import { makeTempDir } from '../../support/temp-dir';

/** The workspace's allowed_signers setting against a real SQLite file and real ssh-keygen keys. */
describe.runIf(sshKeygenAvailable())('WorkspaceTrust', () => {
  const temp = makeTempDir('handrail-workspace-trust-');
  const database = join(temp.path, 'handrail.db');
  const trustFile = join(temp.path, 'allowed_signers');
  let publicKey = '';
  let fingerprint = '';

  beforeAll(() => {
    const pub = generateKey(join(temp.path, 'ada'), 'ed25519');
    publicKey = readFileSync(pub, 'utf8').trim().split(' ').slice(0, 2).join(' ');
    fingerprint = keygenFingerprint(pub);
    writeFileSync(trustFile, `# team\nada.lovelace@handrail ${publicKey}\n`);
  });
  afterAll(() => temp.remove());

  it('has no trust file until one is set, and keeps it across a reopen', () => {
    const db = openDatabase(database);
    const trust = new WorkspaceTrust(db);
    expect(trust.allowedSignersPath()).toBeNull();
    expect(trust.trustedSigners()).toBeNull();
    trust.setAllowedSignersPath(trustFile);
    db.close();
    const reopened = new WorkspaceTrust(openDatabase(database));
    expect(reopened.allowedSignersPath()).toBe(trustFile);
    const signers = reopened.trustedSigners();
    expect(signers?.path).toBe(trustFile);
    expect(signers?.signers).toEqual([
      expect.objectContaining({ principals: ['ada.lovelace@handrail'], fingerprint, line: 2 }),
    ]);
  });

  it('refuses a file with a bad line, naming file and line, and keeps the setting it had', () => {
    const db = openDatabase(database);
    const trust = new WorkspaceTrust(db);
    const broken = join(temp.path, 'broken');
    writeFileSync(broken, `ada.lovelace@handrail ${publicKey}\nbob@handrail ssh-ed25519 not-base64!\n`);
    const refusal = (() => {
      try {
        trust.setAllowedSignersPath(broken);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(RpcError);
    expect((refusal as RpcError).message).toBe(`${broken}:2: the key is not base64`);
    expect((refusal as RpcError).field).toBe('params.path');
    expect(trust.allowedSignersPath()).toBe(trustFile);
    db.close();
  });

  it('refuses a missing file and a relative path', () => {
    const db = openDatabase(database);
    const trust = new WorkspaceTrust(db);
    expect(() => trust.setAllowedSignersPath(join(temp.path, 'nope'))).toThrow(/cannot read .*nope: ENOENT/);
    expect(() => trust.setAllowedSignersPath('allowed_signers')).toThrow(/full path/);
    db.close();
  });

  it('reads the file fresh at each call: a line gone bad later is named, not an old copy trusted', () => {
    const db = openDatabase(database);
    const trust = new WorkspaceTrust(db);
    writeFileSync(trustFile, `ada.lovelace@handrail ${publicKey}\n"unclosed ${publicKey}\n`);
    expect(() => trust.trustedSigners()).toThrow(`${trustFile}:2: a quote is not closed`);
    writeFileSync(trustFile, `ada.lovelace@handrail ${publicKey}\n`);
    expect(trust.trustedSigners()?.signers).toHaveLength(1);
    trust.setAllowedSignersPath(null);
    expect(trust.trustedSigners()).toBeNull();
    db.close();
  });
});
