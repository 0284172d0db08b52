import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { rejection } from '../runbooks/host-fixture';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';
import { signGate, startEngineRun } from '../run/run-fixture';
import {
  generateKey,
  keygenFingerprint,
  keygenVerify,
  sshKeygenAvailable,
} from '../../support/ssh-keygen-cli';
import { approveRun } from '../../support/approve-run';

/**
 * Approval before change (docs/approval.md): a production run exists but runs nothing until a
 * second person signed its plan, here or on their own Handrail from an exported request; or it
 * was started as an emergency, which every form of its record says.
 */
const fixtures: RunHostFixture[] = [];
let keys: string;
const awaiting = /the run awaits approval: production runs need a second person's approval/;

beforeAll(() => {
  if (!sshKeygenAvailable()) throw new Error('ssh-keygen is needed: approvals are signed with real SSH keys');
  keys = mkdtempSync(join(tmpdir(), 'handrail-approval-keys-'));
  return () => rmSync(keys, { recursive: true, force: true });
});
afterEach(() => {
  for (const fixture of fixtures.splice(0)) fixture.close();
});

function host(): RunHostFixture {
  const fixture = startRunHost();
  fixtures.push(fixture);
  return fixture;
}

function key(name: string): string {
  const path = join(keys, name);
  generateKey(path, 'ed25519');
  return path;
}

async function productionRun(fixture: RunHostFixture) {
  return startEngineRun(fixture, { environment: { name: 'Prod East', kind: 'production' } });
}

test('a production run refuses every step action before approval, naming why; it may still fix its plan', async () => {
  const fixture = host();
  const { client } = fixture;
  const { runId: id, detail } = await productionRun(fixture);
  expect(detail.run.approval).toMatchObject({ state: 'awaiting', approval: null, emergency: null });
  const on = { id, stepKey: 'read-notes' };
  const refused = [
    client.call('runs.markDone', on),
    client.call('runs.runStep', { id, stepKey: 'list-dir' }),
    client.call('runs.runStep', { id, stepKey: 'reboot-hosts' }),
    client.call('runs.fail', { ...on, reason: 'no' }),
    client.call('runs.skip', { ...on, reason: 'no' }),
    client.call('runs.retry', on),
    client.call('runs.cancelCommand', on),
    client.call('runs.editCommand', { id, stepKey: 'list-dir', commandIndex: 0, text: 'ls' }),
    client.call('runs.addEvidence', { ...on, text: 'seen' }),
    client.call('runs.recordBackup', { id, stepKey: 'backup-db', path: '/tmp/db.sql' }),
    client.call('runs.startWait', { id, stepKey: 'settle' }),
    client.call('runs.cutWait', { id, stepKey: 'settle', reason: 'no' }),
    client.call('runs.skipHost', { id, stepKey: 'reboot-hosts', host: 'a', reason: 'no' }),
    client.call('runs.abortRolling', { id, stepKey: 'reboot-hosts', reason: 'no' }),
    client.call('runs.finish', { id }),
    client.call('runs.openTerminal', { id }),
    signGate(fixture, id, 'go-no-go', { name: 'Grace' }),
  ];
  for (const call of refused) {
    const error = await rejection(call);
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(awaiting);
  }
  // Fixing the plan and writing notes are not changes to a host.
  await client.call('runs.setVariable', { id, name: 'work_dir', value: '/tmp', reason: 'the right folder' });
  await client.call('runs.addNote', { id, stepKey: null, text: 'waiting for Grace' });
  const events = await client.call('runs.events', { id });
  expect(events.filter((event) => event.type.startsWith('step.'))).toEqual([]);
  expect(events.find((event) => event.type === 'approval.required')).toMatchObject({
    actor: 'handrail',
    payload: { kind: 'production', requiredFor: ['production'] },
  });
  // Other kinds need none by default; the policy is the workspace's to change.
  const testRun = await startEngineRun(fixture, { environment: { kind: 'test' } });
  expect(testRun.detail.run.approval).toBeUndefined();
  await client.call('runs.markDone', { id: testRun.runId, stepKey: 'read-notes' });
  expect(await client.call('approvals.setPolicy', { requiredFor: ['production', 'staging'] })).toEqual({
    requiredFor: ['production', 'staging'],
  });
  const staging = await startEngineRun(fixture, { environment: { kind: 'staging' } });
  expect(staging.detail.run.approval?.state).toBe('awaiting');
});

test("two-person rule: the operator cannot approve their own run, by name, principal or this folder's key", async () => {
  const fixture = host();
  const { runId } = await productionRun(fixture);
  const own = key('ada');
  for (const name of ['Ada', ' ada ', 'ADA']) {
    const error = await rejection(
      fixture.client.call('approvals.approveHere', { runId, name, key: { kind: 'ssh', keyPath: own } }),
    );
    expect(error.message).toMatch(/^two-person rule: .* operates this run/);
  }
  const folderKey = await rejection(
    fixture.client.call('approvals.approveHere', { runId, name: 'Grace', key: { kind: 'handrail' } }),
  );
  expect(folderKey.message).toMatch(/^two-person rule: this data folder's Handrail key is the operator's/);
  // A request signed by the operator on another Handrail is refused there too.
  const approver = host();
  const { request } = await fixture.client.call('approvals.plan', { runId });
  const there = await rejection(
    approver.client.call('approvals.signRequest', { request, name: 'Ada', key: { kind: 'handrail' } }),
  );
  expect(there.message).toMatch(/two-person rule: Ada operates this run/);
  expect((await fixture.client.call('runs.get', { id: runId })).run.approval?.state).toBe('awaiting');
});

test('an approval made in a second data folder from an exported request unlocks the run', async () => {
  const operator = host();
  const approver = host();
  const { runId } = await productionRun(operator);
  const exported = await operator.client.call('approvals.plan', { runId });
  expect(exported.plan).toMatchObject({
    runId,
    environment: { name: 'Prod East', kind: 'production' },
    operator: 'Ada',
    secretNames: ['db_password'],
    runbook: { revision: 1 },
  });
  expect(exported.plan.runbook.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
  // Secret names only, never their values.
  expect(exported.request).not.toContain('hunter2');
  expect(exported.plan.variables).not.toHaveProperty('db_password');

  const keyPath = key('grace');
  const signed = await approver.client.call('approvals.signRequest', {
    request: exported.request,
    name: 'Grace Hopper',
    role: 'Change manager',
    key: { kind: 'ssh', keyPath },
  });
  expect(signed.planSha256).toBe(exported.planSha256);
  const approval = await operator.client.call('approvals.import', { runId, approval: signed.approval });
  expect(approval).toMatchObject({
    state: 'approved',
    approval: {
      name: 'Grace Hopper',
      role: 'Change manager',
      principal: 'grace.hopper@handrail',
      fingerprint: keygenFingerprint(`${keyPath}.pub`),
      planSha256: exported.planSha256,
      trust: 'not-judged',
      retrospective: false,
    },
  });
  await operator.client.call('runs.markDone', { id: runId, stepKey: 'read-notes' });
  const events = await operator.client.call('runs.events', { id: runId });
  const granted = events.find((event) => event.type === 'approval.granted');
  expect(granted).toMatchObject({ actor: 'Grace Hopper' });
  // An auditor checks it with stock ssh-keygen: the statement in the log, signed by the approver.
  const { statement, signature } = granted?.payload as { statement: string; signature: string };
  expect(JSON.parse(statement)).toMatchObject({ planSha256: exported.planSha256, name: 'Grace Hopper' });
  const publicKey = readFileSync(`${keyPath}.pub`, 'utf8').trim();
  const checked = keygenVerify({
    dir: keys,
    allowedSigners: `grace.hopper@handrail namespaces="handrail" ${publicKey}\n`,
    identity: 'grace.hopper@handrail',
    signature,
    message: statement,
  });
  expect(checked.output).toContain('Good "handrail" signature for grace.hopper@handrail');
  expect(checked.ok).toBe(true);
  expect((await operator.client.call('runs.verify', { id: runId })).valid).toBe(true);
  // A change to the approved plan withdraws the approval: the run awaits a new one.
  const changed = await operator.client.call('runs.setVariable', {
    id: runId,
    name: 'work_dir',
    value: '/srv/b',
  });
  expect(changed.run.approval).toMatchObject({
    state: 'awaiting',
    approval: null,
    withdrawn: [
      { reason: 'the variable work_dir changed after the approval', approval: { name: 'Grace Hopper' } },
    ],
  });
  expect(
    (
      await rejection(
        operator.client.call('runs.markDone', { id: runId, stepKey: 'check-release', evidence: 'ok' }),
      )
    ).message,
  ).toMatch(awaiting);
  const html = await operator.client.call('reports.export', { runId, format: 'html' });
  expect(html.content).toContain('withdrawn at');
  const { request: renewed } = await operator.client.call('approvals.plan', { runId });
  const again = await approver.client.call('approvals.signRequest', {
    request: renewed,
    name: 'Grace Hopper',
    key: { kind: 'ssh', keyPath },
  });
  expect((await operator.client.call('approvals.import', { runId, approval: again.approval })).state).toBe(
    'approved',
  );
  // The same approval again is refused: the run no longer awaits one.
  expect(
    (await rejection(operator.client.call('approvals.import', { runId, approval: signed.approval }))).message,
  ).toMatch(/does not await approval \(it is approved\)/);
});

test('an approval of a plan that changed after the request is refused, naming what changed', async () => {
  const operator = host();
  const approver = host();
  const { runId } = await productionRun(operator);
  const { request } = await operator.client.call('approvals.plan', { runId });
  const signed = await approver.client.call('approvals.signRequest', {
    request,
    name: 'Grace Hopper',
    key: { kind: 'handrail' },
  });
  await operator.client.call('runs.setVariable', { id: runId, name: 'work_dir', value: '/srv/other' });
  const error = await rejection(
    operator.client.call('approvals.import', { runId, approval: signed.approval }),
  );
  expect(error.message).toMatch(/the approval is for plan [0-9a-f]{16}…, but the run's plan is now/);
  expect(error.message).toContain('variables.work_dir');
  expect(error.message).toContain('"/srv/other"');
  // A request edited on its way is refused by the approver's Handrail.
  const edited = request.replace('"Prod East"', '"Prod West"');
  expect(
    (
      await rejection(
        approver.client.call('approvals.signRequest', {
          request: edited,
          name: 'Grace',
          key: { kind: 'handrail' },
        }),
      )
    ).message,
  ).toMatch(/the request's plan hashes to .* it was changed/);
  // A new request for the plan as it is now is approved; its file with another name put in is not.
  const { request: fresh } = await operator.client.call('approvals.plan', { runId });
  const again = await approver.client.call('approvals.signRequest', {
    request: fresh,
    name: 'Grace Hopper',
    key: { kind: 'handrail' },
  });
  const renamed = again.approval.replace('"name":"Grace Hopper"', '"name":"Grace Forger"');
  expect(renamed).not.toBe(again.approval);
  const forged = await rejection(operator.client.call('approvals.import', { runId, approval: renamed }));
  expect(forged.message).toMatch(/signed statement does not match/);
  expect((await operator.client.call('approvals.import', { runId, approval: again.approval })).state).toBe(
    'approved',
  );
});

test('with a trust file set, an approver key it does not trust for the approver is refused', async () => {
  const fixture = host();
  const { runId } = await productionRun(fixture);
  const graceKey = key('grace-trust');
  const otherKey = key('other-trust');
  const trustFile = join(keys, 'allowed_signers');
  const line = (principal: string, path: string) =>
    `${principal} namespaces="handrail" ${readFileSync(`${path}.pub`, 'utf8').trim()}\n`;
  writeFileSync(trustFile, line('grace.hopper@handrail', otherKey));
  await fixture.client.call('trust.set', { path: trustFile });
  const untrusted = await rejection(
    fixture.client.call('approvals.approveHere', {
      runId,
      name: 'Grace Hopper',
      key: { kind: 'ssh', keyPath: graceKey },
    }),
  );
  expect(untrusted.message).toMatch(
    /the approver's key SHA256:\S+ is not trusted for grace\.hopper@handrail by .*allowed_signers \(the key is not in the file\)/,
  );
  // Trusted for someone else only.
  writeFileSync(trustFile, line('linus@handrail', graceKey));
  expect(
    (
      await rejection(
        fixture.client.call('approvals.approveHere', {
          runId,
          name: 'Grace Hopper',
          key: { kind: 'ssh', keyPath: graceKey },
        }),
      )
    ).message,
  ).toContain('trusted for linus@handrail only');
  writeFileSync(trustFile, line('grace.hopper@handrail', graceKey));
  const approval = await fixture.client.call('approvals.approveHere', {
    runId,
    name: 'Grace Hopper',
    key: { kind: 'ssh', keyPath: graceKey },
  });
  expect(approval.approval).toMatchObject({ trust: 'trusted', trustFile });
});

test('an emergency start is in the log, the bundle verifies, every report says so until reviewed', async () => {
  const operator = host();
  const approver = host();
  const { runId } = await productionRun(operator);
  const started = await operator.client.call('approvals.emergencyStart', {
    runId,
    reason: 'the API is down for every customer',
  });
  expect(started).toMatchObject({
    state: 'emergency-review-pending',
    emergency: { by: 'Ada', reason: 'the API is down for every customer' },
  });
  await operator.client.call('runs.markDone', { id: runId, stepKey: 'read-notes' });
  const listed = (await operator.client.call('runs.list', {})).find((run) => run.id === runId);
  expect(listed?.approval?.state).toBe('emergency-review-pending');
  const events = await operator.client.call('runs.events', { id: runId });
  expect(events.find((event) => event.type === 'approval.emergencyStarted')).toMatchObject({
    actor: 'Ada',
    payload: { reason: 'the API is down for every customer' },
  });
  await operator.client.call('runs.abort', { id: runId, reason: 'done by hand' });
  for (const format of ['html', 'markdown', 'json'] as const) {
    const report = await operator.client.call('reports.export', { runId, format });
    expect(report.content, format).toContain('Emergency start: review pending');
    expect(report.content, format).toContain('the API is down for every customer');
  }
  const bundle = await operator.client.call('reports.export', { runId, format: 'bundle' });
  expect(bundle.content).toContain('approval.emergencyStarted');
  const verified = await operator.client.call('reports.verify', {
    fileName: bundle.fileName,
    content: bundle.content,
  });
  expect(verified).toMatchObject({ chain: { valid: true }, state: { valid: true } });

  // Review after the fact, from an exported request, even though the run has ended.
  const { request } = await operator.client.call('approvals.plan', { runId });
  const signed = await approver.client.call('approvals.signRequest', {
    request,
    name: 'Grace Hopper',
    key: { kind: 'handrail' },
  });
  const reviewed = await operator.client.call('approvals.import', { runId, approval: signed.approval });
  expect(reviewed).toMatchObject({
    state: 'emergency-reviewed',
    retrospective: { name: 'Grace Hopper', retrospective: true },
  });
  const html = await operator.client.call('reports.export', { runId, format: 'html' });
  expect(html.content).toContain('Emergency start: reviewed after the fact');
  expect(html.content).toContain('EMERGENCY START');
});

test('the test helper approves the honest way: a second person with a real key', async () => {
  const fixture = host();
  const { runId } = await productionRun(fixture);
  expect((await approveRun(fixture.client, runId)).state).toBe('approved');
});
