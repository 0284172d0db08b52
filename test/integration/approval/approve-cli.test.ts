import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { repoRoot } from '../../support/built-app';
import { generateKey, keygenFingerprint, sshKeygenAvailable } from '../../support/ssh-keygen-cli';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';
import { startEngineRun } from '../run/run-fixture';

/** `handrail approve` (docs/approval.md): the approver signs an exported request from the command line. */
let fixture: RunHostFixture | undefined;
let work: string | undefined;
afterEach(() => {
  fixture?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

test("handrail approve signs a request with the approver's SSH key; the operator imports it", () => {
  if (!sshKeygenAvailable()) throw new Error('ssh-keygen is needed: approvals are signed with real SSH keys');
  return (async () => {
    fixture = startRunHost();
    work = mkdtempSync(join(tmpdir(), 'handrail-approve-cli-'));
    const { runId } = await startEngineRun(fixture, { environment: { name: 'Prod', kind: 'production' } });
    const { request } = await fixture.client.call('approvals.plan', { runId });
    const requestPath = join(work, 'request.json');
    writeFileSync(requestPath, request);
    const keyPath = join(work, 'id_ed25519');
    generateKey(keyPath, 'ed25519');
    const cli = join(repoRoot, 'dist/host/cli.js');
    const env = { ...process.env, HANDRAIL_DATA_DIR: join(work, 'approver-data') };
    const refused = spawnSync(
      process.execPath,
      [cli, 'approve', requestPath, '--name', 'Ada', '--key', keyPath],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('two-person rule: Ada operates this run');
    const approved = spawnSync(
      process.execPath,
      [cli, 'approve', requestPath, '--name', 'Grace Hopper', '--role', 'CAB', '--key', keyPath],
      { env, encoding: 'utf8' },
    );
    expect(approved.stderr).toBe('');
    expect(approved.status).toBe(0);
    const out = join(work, 'request.approval.json');
    expect(approved.stdout).toContain(out);
    const approval = await fixture.client.call('approvals.import', {
      runId,
      approval: readFileSync(out, 'utf8'),
    });
    expect(approval).toMatchObject({
      state: 'approved',
      approval: { name: 'Grace Hopper', role: 'CAB', fingerprint: keygenFingerprint(`${keyPath}.pub`) },
    });
  })();
});
