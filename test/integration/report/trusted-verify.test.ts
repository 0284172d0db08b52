import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedSignerLine, signerIdentity } from '../../../shared/report/signer-principal';
import { databaseFileName } from '../../../electron/host/store/data-dir';
import { repoRoot } from '../../support/built-app';
import { makeTempDir } from '../../support/temp-dir';
import { startRunHost } from '../run/host-fixture';
import { finishedReportRun } from './report-fixture';
import { foldEvents } from '../../../electron/host/run/run-reducer';
import { parseRunbook } from '../../../electron/host/runbook/index';
import type { RunBundle } from '../../../electron/host/report/run-bundle';

const cli = join(repoRoot, 'dist/host/cli.js');

function verify(file: string, ...args: string[]): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [cli, 'verify', file, ...args], { encoding: 'utf8' });
  return { status: result.status, out: result.stdout + result.stderr };
}

/**
 * Issue 19: `handrail verify` judged each signature by the key inside the same file, so a copied
 * data folder whose sign-offs were removed and made again with a fresh key, under the operator's
 * name, printed VALID. Keys are now judged by the reader's allowed_signers file only.
 */
describe('verify against the keys the reader trusts', () => {
  const temp = makeTempDir('handrail-trust-');
  const original = join(temp.path, 'original');
  const forged = join(temp.path, 'forged');
  const trustFile = join(temp.path, 'allowed_signers');
  let runId = '';

  beforeAll(async () => {
    const fixture = startRunHost();
    try {
      runId = await finishedReportRun(fixture, temp.path);
      const bundle = await fixture.client.call('reports.export', { runId, format: 'bundle' });
      writeFileSync(original, bundle.content);
      // The reader's own file: the two signers' principals with the key they really used.
      const publicKey = readFileSync(join(fixture.dataDir, 'keys', 'handrail_ed25519.pub'), 'utf8').trim();
      writeFileSync(
        trustFile,
        [
          '# our team',
          ...['Ada Lovelace', 'Grace Hopper'].map((name) =>
            allowedSignerLine(signerIdentity(name), publicKey),
          ),
        ].join('\n'),
      );
      // The attack: a copy of the data folder, its sign-offs deleted, its key replaced by a
      // fresh one, and the final sign-off made again as the operator.
      const copy = join(temp.path, 'copy');
      cpSync(fixture.dataDir, copy, { recursive: true });
      fixture.close();
      rmSync(join(copy, 'keys'), { recursive: true, force: true });
      const db = new Database(join(copy, databaseFileName));
      // The append-only triggers are no obstacle to whoever holds the file.
      const triggers = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'run_signatures'`)
        .pluck()
        .all() as string[];
      for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger}"`);
      db.prepare('DELETE FROM run_signatures WHERE run_id = ?').run(runId);
      db.close();
      const attacker = startRunHost(copy);
      try {
        await attacker.client.call('reports.sign', {
          runId,
          kind: 'final',
          name: 'Ada Lovelace',
          role: 'operator',
          key: { kind: 'handrail' },
        });
        writeFileSync(
          forged,
          (await attacker.client.call('reports.export', { runId, format: 'bundle' })).content,
        );
      } finally {
        attacker.close();
      }
    } catch (error) {
      fixture.close();
      throw error;
    }
  });
  afterAll(() => temp.remove());

  it('the real run is VALID against the trust file, every key named as trusted', () => {
    const result = verify(original, '--allowed-signers', trustFile);
    expect(result.status, result.out).toBe(0);
    expect(result.out).toContain('trusted (ada.lovelace@handrail, allowed-signers line 2)');
    expect(result.out).toContain('trusted (grace.hopper@handrail, allowed-signers line 3)');
    expect(result.out).toMatch(/^VALID: /m);
  });

  it('without a trust file it is never VALID: consistent, signed by keys nobody judged', () => {
    const result = verify(original);
    expect(result.status, result.out).toBe(2);
    expect(result.out).toMatch(/^CONSISTENT, signed by untrusted keys: SHA256:/m);
    expect(result.out).not.toMatch(/^VALID/m);
  });

  it('the re-signed copy verifies by its own key, and is refused as UNKNOWN KEY', () => {
    // What the old verifier saw: every check holds against the key the file carries.
    const alone = verify(forged);
    expect(alone.out).toMatch(/^ok {3}signature 1: Ada Lovelace/m);
    const result = verify(forged, '--allowed-signers', trustFile);
    expect(result.status, result.out).toBe(1);
    expect(result.out).toMatch(/^FAIL signature 1: Ada Lovelace .*UNKNOWN KEY SHA256:/m);
    expect(result.out).toMatch(/^INVALID: /m);
  });

  it('a key trusted as someone else does not sign as the operator', () => {
    const publicKey = readFileSync(trustFile, 'utf8').split('\n')[1]!.split(' ').slice(2).join(' ');
    const narrow = join(temp.path, 'grace-only');
    writeFileSync(narrow, `${allowedSignerLine('grace.hopper@handrail', publicKey)}\n`);
    const result = verify(original, '--allowed-signers', narrow);
    expect(result.status, result.out).toBe(1);
    expect(result.out).toContain(
      'UNTRUSTED: the key is trusted as grace.hopper@handrail, not as ada.lovelace@handrail',
    );
  });

  it('a bundle with its signatures removed is INVALID: its log still records each sign-off', () => {
    const bundle = JSON.parse(readFileSync(original, 'utf8')) as { signatures: unknown[] };
    const stripped = join(temp.path, 'stripped.json');
    writeFileSync(stripped, JSON.stringify({ ...bundle, signatures: [] }));
    const result = verify(stripped, '--allowed-signers', trustFile);
    expect(result.status, result.out).toBe(1);
    expect(result.out).toMatch(
      /records the gate sign-off by Grace Hopper .*its signature is not in this file/,
    );
    expect(result.out).toMatch(/^INVALID: /m);
  });

  it('a log cut short after its gate verifies as far as it goes, and says where the signed part ends', () => {
    const bundle = JSON.parse(readFileSync(original, 'utf8')) as RunBundle;
    // What someone holding the file can make: the log up to the gate's record, the state folded
    // from it, and only the gate's signature.
    const gateRecord = bundle.events.findIndex(
      (event) => event.type === 'signoff.recorded' && (event.payload as { kind: string }).kind === 'gate',
    );
    const events = bundle.events.slice(0, gateRecord + 1);
    const runbook = parseRunbook(bundle.runbook.source, bundle.runbook.title);
    const cut = {
      ...bundle,
      events,
      run: foldEvents(runbook, bundle.run.run.id, events),
      signatures: bundle.signatures.filter((signature) => signature.kind === 'gate'),
    };
    const file = join(temp.path, 'cut.json');
    writeFileSync(file, JSON.stringify(cut));
    const result = verify(file, '--allowed-signers', trustFile);
    expect(result.out).toMatch(
      /^NOTE events \d+–\d+ \(gate\.signed, step\.succeeded\) come after the last signature: no one signed them$/m,
    );
    expect(result.out).toMatch(/^NOTE no final sign-off: no one signed the run as finished$/m);
    // The whole run: every event is under a signature but the records of the sign-offs.
    expect(verify(original, '--allowed-signers', trustFile).out).not.toMatch(/^NOTE/m);
  });

  it('a trust file line it cannot use is named, and nothing is judged', () => {
    const broken = join(temp.path, 'broken');
    writeFileSync(broken, 'ada.lovelace@handrail cert-authority ssh-ed25519 AAAA\n');
    const result = verify(original, '--allowed-signers', broken);
    expect(result.status).not.toBe(0);
    expect(result.out).toContain(`${broken}:1: option "cert-authority" is not supported`);
    expect(result.out).not.toMatch(/^VALID/m);
  });
});
