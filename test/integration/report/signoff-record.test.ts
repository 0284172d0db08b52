import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/contract/index';
import { verifyBundle } from '../../../electron/host/report/bundle-verify';
import type { RunBundle } from '../../../electron/host/report/run-bundle';
import { repoRoot } from '../../support/built-app';
import { makeTempDir } from '../../support/temp-dir';
import { environmentInput, startRunHost, type RunHostFixture } from '../run/host-fixture';
import { openRunTerminal, readStep, untilStep } from '../run/run-fixture';
import { finishedReportRun, reportRunbookSource } from './report-fixture';

/**
 * Issue 19 item 3: sign-offs are events in the run's hash-chained log, and a gate passes only
 * with the signature that passes it. Before, `gate.signed` and `step.succeeded` were committed
 * before the signature was made (a missing key left the gate open and unsigned), and a signature
 * could be taken out of a bundle without a trace.
 */
const cli = join(repoRoot, 'dist/host/cli.js');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

let fixture: RunHostFixture | undefined;
const temp = makeTempDir('handrail-signoff-record-');
afterEach(() => {
  fixture?.close();
  fixture = undefined;
});
afterAll(() => temp.remove());

async function runAtTheGate(host: RunHostFixture): Promise<string> {
  const { client } = host;
  const environment = await client.call('environments.create', {
    environment: environmentInput({ name: 'Gate testbed' }),
  });
  const runbook = await client.call('runbooks.create', { title: 'Gate', source: reportRunbookSource });
  const { run } = await client.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada Lovelace',
    variables: { work_dir: temp.path },
  });
  writeFileSync(join(temp.path, 'corpus.bin'), 'plain\n');
  await openRunTerminal(host, run.id);
  await client.call('runs.markDone', { id: run.id, stepKey: 'read-plan' });
  await client.call('runs.runStep', { id: run.id, stepKey: 'hostile' });
  await untilStep(host, run.id, 'hostile', ['succeeded']);
  return run.id;
}

describe('a gate passes with its signature, in one transaction', () => {
  it('a signing that fails leaves the gate closed, with nothing written', async () => {
    fixture = startRunHost();
    const runId = await runAtTheGate(fixture);
    const before = await fixture.client.call('runs.events', { id: runId });
    const failed = fixture.client.call('reports.sign', {
      runId,
      kind: 'gate',
      stepKey: 'approve',
      name: 'Grace Hopper',
      role: 'change manager',
      key: { kind: 'ssh', keyPath: join(temp.path, 'no-such-key') },
    });
    await expect(failed).rejects.toMatchObject({ code: 'invalid_params', field: 'params.key.keyPath' });
    expect(await readStep(fixture, runId, 'approve')).toMatchObject({ status: 'pending', signoff: null });
    expect(await fixture.client.call('runs.events', { id: runId })).toHaveLength(before.length);
    expect(await fixture.client.call('reports.signatures', { runId })).toEqual([]);
    // The gate is as it was: it can be signed now, with a key that works.
    await fixture.client.call('reports.sign', {
      runId,
      kind: 'gate',
      stepKey: 'approve',
      name: 'Grace Hopper',
      key: { kind: 'handrail' },
    });
    expect(await readStep(fixture, runId, 'approve')).toMatchObject({ status: 'succeeded' });
  });

  it('a signed gate is its sign-off, its success and the record of its signature, in a row', async () => {
    fixture = startRunHost();
    const runId = await runAtTheGate(fixture);
    const before = (await fixture.client.call('runs.events', { id: runId })).length;
    const signature = await fixture.client.call('reports.sign', {
      runId,
      kind: 'gate',
      stepKey: 'approve',
      name: 'Grace Hopper',
      role: 'change manager',
      key: { kind: 'handrail' },
    });
    const events = (await fixture.client.call('runs.events', { id: runId })).slice(before);
    expect(events.map((event) => [event.type, event.stepKey])).toEqual([
      ['gate.signed', 'approve'],
      ['step.succeeded', 'approve'],
      ['signoff.recorded', 'approve'],
    ]);
    const bundle = JSON.parse(
      (await fixture.client.call('reports.export', { runId, format: 'bundle' })).content,
    ) as RunBundle;
    const stored = bundle.signatures[0]!;
    expect(events[2]!.payload).toEqual({
      kind: 'gate',
      stepKey: 'approve',
      name: 'Grace Hopper',
      role: 'change manager',
      signedAt: signature.at,
      fingerprint: signature.fingerprint,
      payloadSha256: sha256(stored.payload),
      signatureSha256: sha256(stored.signature),
    });
    // The signature signs the log as it was before the gate passed: a head the log has.
    const signed = JSON.parse(stored.payload) as { eventCount: number; headHash: string };
    expect(signed.eventCount).toBe(before);
    expect(bundle.events[before - 1]!.hash).toBe(signed.headHash);
    expect((await fixture.client.call('runs.verify', { id: runId })).valid).toBe(true);
  });
});

describe('a signature cannot leave a bundle without a trace', () => {
  it('taking out any one signature, or all, fails the check and names the event', async () => {
    fixture = startRunHost();
    const runId = await finishedReportRun(fixture, temp.path);
    const bundle = JSON.parse(
      (await fixture.client.call('reports.export', { runId, format: 'bundle' })).content,
    ) as RunBundle;
    const records = bundle.events.filter((event: RunEvent) => event.type === 'signoff.recorded');
    // The final sign-off comes after the run completed, in the same log.
    expect(records.map((event) => (event.payload as { kind: string }).kind)).toEqual(['gate', 'final']);
    expect(bundle.events.findIndex((event) => event.type === 'run.completed')).toBeLessThan(records[1]!.seq);
    expect(verifyBundle(bundle).valid).toBe(true);

    const cases = [
      {
        name: 'no-gate',
        signatures: bundle.signatures.filter((signature) => signature.kind !== 'gate'),
        seq: records[0]!.seq,
      },
      {
        name: 'no-final',
        signatures: bundle.signatures.filter((signature) => signature.kind !== 'final'),
        seq: records[1]!.seq,
      },
      { name: 'none', signatures: [], seq: records[0]!.seq },
    ];
    for (const { name, signatures, seq } of cases) {
      const stripped = { ...bundle, signatures };
      const check = verifyBundle(stripped);
      expect(check.valid, name).toBe(false);
      expect(check.chain, name).toMatchObject({ valid: false, firstBadSeq: seq });
      expect(check.chain.problem, name).toMatch(
        /records the (gate|final) sign-off by .*its signature is not in this file/,
      );
      const file = join(temp.path, `${name}.handrail.json`);
      writeFileSync(file, JSON.stringify(stripped));
      const result = spawnSync(process.execPath, [cli, 'verify', file], { encoding: 'utf8' });
      expect(result.status, result.stdout + result.stderr).toBe(1);
      expect(result.stdout + result.stderr).toContain(`event ${seq} records the`);
    }

    // A signature swapped for another one of the same signer is caught the same way.
    const [gate] = bundle.signatures;
    const swapped = {
      ...bundle,
      signatures: [
        { ...gate!, payload: gate!.payload.replace('"gate"', '"gate" ') },
        ...bundle.signatures.slice(1),
      ],
    };
    expect(verifyBundle(swapped).chain.valid).toBe(false);
  });
});
