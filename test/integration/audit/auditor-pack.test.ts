import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedSignerLine, signerIdentity } from '../../../shared/report/signer-principal';
import { repoRoot } from '../../support/built-app';
import { generateKey, sshKeygenAvailable } from '../../support/ssh-keygen-cli';
import { makeTempDir } from '../../support/temp-dir';
import { finishedReportRun } from '../report/report-fixture';
import { startRunHost } from '../run/host-fixture';
import { openRunTerminal, secretValue, startEngineRun, untilStep } from '../run/run-fixture';

const cli = join(repoRoot, 'dist/host/cli.js');
const commandPrefix = '    $ ';

/**
 * The auditor pack from the real command line, over a data folder holding a run made through
 * the real engine, checked the way its README tells an auditor to (real tar, sha256sum and
 * ssh-keygen, the auditor's own allowed_signers file), then by `handrail verify`.
 */
describe.runIf(sshKeygenAvailable())('auditor pack', () => {
  const temp = makeTempDir('handrail-audit-pack-');
  const dataDir = join(temp.path, 'data');
  const pack = join(temp.path, 'audit.tar');
  /** Only the signed-off run (the aborted one was never signed off). */
  const signedPack = join(temp.path, 'signed.tar');
  const trustFile = join(temp.path, 'my_allowed_signers');
  let runId = '';
  let abortedRunId = '';

  const handrail = (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], {
      encoding: 'utf8',
      env: { ...process.env, HANDRAIL_DATA_DIR: dataDir },
    });

  beforeAll(async () => {
    const fixture = startRunHost(dataDir);
    try {
      runId = await finishedReportRun(fixture, temp.path);
      // A second run, aborted after a command printed a secret: it is in the pack too, masked.
      const secretRun = await startEngineRun(fixture);
      abortedRunId = secretRun.runId;
      await openRunTerminal(fixture, abortedRunId);
      await fixture.client.call('runs.runStep', {
        id: abortedRunId,
        stepKey: 'use-secret',
        outOfOrderReason: 'the audit test needs the secret printed',
      });
      await untilStep(fixture, abortedRunId, 'use-secret', ['succeeded']);
      await fixture.client.call('runs.abort', { id: abortedRunId, reason: 'the window closed' });
    } finally {
      fixture.close();
    }
    const made = handrail('audit', 'pack', '--from', '2000-01-01', '--to', '2100-01-01', '--out', pack);
    expect(made.status, made.stdout + made.stderr).toBe(0);
    const signed = handrail(
      'audit',
      'pack',
      '--from',
      '2000-01-01',
      '--to',
      '2100-01-01',
      '--runbook',
      'Report exercise',
      '--out',
      signedPack,
    );
    expect(signed.status, signed.stdout + signed.stderr).toBe(0);
    // The auditor's own file: the key they were given out of band, for the principal they expect.
    const publicKey = readFileSync(join(dataDir, 'keys', 'handrail_ed25519.pub'), 'utf8').trim();
    writeFileSync(
      trustFile,
      ['Handrail', 'Ada Lovelace', 'Grace Hopper']
        .map((name) => allowedSignerLine(signerIdentity(name), publicKey))
        .join('\n'),
    );
  });
  afterAll(() => temp.remove());

  /** The README's commands, exactly, run by sh in a fresh folder with the reader's two variables. */
  function runReadme(archive: string): { status: number | null; out: string } {
    const listing = spawnSync('tar', ['-tf', archive], { encoding: 'utf8' }).stdout.split('\n');
    const readmePath = listing.find((name) => name.endsWith('/README.txt'))!;
    const readme = spawnSync('tar', ['-xOf', archive, readmePath], { encoding: 'utf8' }).stdout;
    const commands = readme
      .split('\n')
      .filter((line) => line.startsWith(commandPrefix))
      .map((line) => line.slice(commandPrefix.length));
    const folder = join(temp.path, `check-${Math.random().toString(36).slice(2)}`);
    mkdirSync(folder);
    const result = spawnSync('sh', ['-e', '-c', commands.join('\n')], {
      cwd: folder,
      encoding: 'utf8',
      env: { ...process.env, PACK: archive, ALLOWED_SIGNERS: trustFile },
    });
    return { status: result.status, out: result.stdout + result.stderr };
  }

  /** A copy of the pack with one byte changed inside the named member's data. */
  function tampered(member: string, find: string, name: string): string {
    const bytes = readFileSync(pack);
    const header = bytes.indexOf(Buffer.from(member));
    const at = bytes.indexOf(Buffer.from(find), header + 512);
    expect(at).toBeGreaterThan(header);
    bytes[at] = bytes[at]! ^ 0x01;
    const path = join(temp.path, name);
    writeFileSync(path, bytes);
    return path;
  }

  it("the README's stock commands pass on the pack as made", () => {
    const result = runReadme(pack);
    expect(result.status, result.out).toBe(0);
    expect(result.out).toContain('Good "handrail" signature for handrail@handrail');
    expect(result.out).toContain(`runs/${runId}/report.html: OK`);
    expect(result.out).toContain(`runs/${runId}/change-record.json: OK`);
    expect(result.out).toContain('Good "handrail" signature for handrail@handrail with ED25519 key');
  });

  it("the README's commands fail when one file was changed", () => {
    const result = runReadme(tampered('change-record.json', '"correlation_id"', 'changed-file.tar'));
    expect(result.status).not.toBe(0);
    expect(result.out).toMatch(/change-record\.json: FAILED/);
  });

  it("the README's commands fail when MANIFEST was changed to match a changed file", () => {
    const result = runReadme(tampered('/MANIFEST', 'README.txt', 'changed-manifest.tar'));
    expect(result.status).not.toBe(0);
    expect(result.out).not.toContain(
      'Good "handrail" signature for handrail@handrail with ED25519 key SHA256',
    );
  });

  it('handrail verify passes the pack against the trust file, and judges nothing without one', () => {
    const judged = handrail('verify', signedPack, '--allowed-signers', trustFile);
    expect(judged.status, judged.stdout + judged.stderr).toBe(0);
    expect(judged.stdout).toMatch(
      /^ok {3}MANIFEST\.sig over MANIFEST: trusted \(handrail@handrail, allowed-signers line 1\)$/m,
    );
    expect(judged.stdout).toMatch(new RegExp(`^ok {3}runs/${runId}/bundle\\.handrail\\.json:$`, 'm'));
    expect(judged.stdout).toMatch(/^VALID: /m);
    const unjudged = handrail('verify', signedPack);
    expect(unjudged.status).toBe(2);
    expect(unjudged.stdout).not.toMatch(/^VALID/m);
  });

  it('handrail verify fails (exit 1) with a file changed, or a key the reader does not trust', () => {
    const changed = handrail(
      'verify',
      tampered('change-record.json', '"correlation_id"', 'verify-changed.tar'),
      '--allowed-signers',
      trustFile,
    );
    expect(changed.status, changed.stdout).toBe(1);
    expect(changed.stdout).toContain(
      `FAIL runs/${runId}/change-record.json: changed (its SHA-256 is not MANIFEST's)`,
    );
    expect(changed.stdout).toMatch(/^INVALID: /m);
    const other = join(temp.path, 'other_key');
    const otherPub = readFileSync(generateKey(other, 'ed25519'), 'utf8').trim();
    const strangers = join(temp.path, 'strangers');
    writeFileSync(strangers, `${allowedSignerLine('handrail@handrail', otherPub)}\n`);
    const untrusted = handrail('verify', signedPack, '--allowed-signers', strangers);
    expect(untrusted.status).toBe(1);
    expect(untrusted.stdout).toMatch(/^FAIL MANIFEST\.sig over MANIFEST: key SHA256:\S+ is not trusted/m);
  });

  it('a filter that selects no run still makes a signed pack that verifies', () => {
    const empty = join(temp.path, 'empty.tar');
    const made = handrail(
      'audit',
      'pack',
      '--from',
      '2000-01-01',
      '--to',
      '2100-01-01',
      '--environment',
      'Nowhere',
      '--out',
      empty,
    );
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain('0 run(s)');
    expect(handrail('verify', empty, '--allowed-signers', trustFile).status).toBe(0);
    expect(runReadme(empty).status).toBe(0);
  });

  it('the single-run commands: change record, statement, asciicast; a wrong run id is one line', () => {
    const record = handrail('audit', 'change-record', runId);
    expect(record.status, record.stderr).toBe(0);
    expect(JSON.parse(record.stdout)).toMatchObject({ correlation_id: runId, number: null });
    const cast = handrail('audit', 'asciicast', runId, '--v3');
    expect(JSON.parse(cast.stdout.split('\n')[0]!)).toMatchObject({ version: 3 });
    const report = join(temp.path, 'cli-report.html');
    expect(handrail('report', runId, '--out', report).status).toBe(0);
    const out = join(temp.path, 'cli-statement.json');
    const statement = handrail('audit', 'statement', runId, '--report', report, '--out', out);
    expect(statement.status, statement.stderr).toBe(0);
    const verified = spawnSync(
      'sh',
      [
        '-c',
        `ssh-keygen -Y verify -f "${trustFile}" -I handrail@handrail -n handrail -s cli-statement.sig < cli-statement.json`,
      ],
      { cwd: temp.path, encoding: 'utf8' },
    );
    expect(verified.status, verified.stderr).toBe(0);
    const missing = handrail('audit', 'change-record', '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an aborted run is in the pack as unsuccessful, and no secret is anywhere in it', () => {
    const bytes = readFileSync(pack);
    expect(bytes.includes(Buffer.from(secretValue))).toBe(false);
    const listing = spawnSync('tar', ['-tf', pack], { encoding: 'utf8' }).stdout;
    const recordPath = listing
      .split('\n')
      .find((name) => name.endsWith(`${abortedRunId}/change-record.json`))!;
    const record = JSON.parse(spawnSync('tar', ['-xOf', pack, recordPath], { encoding: 'utf8' }).stdout) as {
      close_code: string;
      work_end: string | null;
      handrail: { status: string };
    };
    expect(record).toMatchObject({ close_code: 'unsuccessful', handrail: { status: 'aborted' } });
    expect(record.work_end).not.toBeNull();
    // The pack holds, but the run nobody signed off is named: exit 1, not VALID.
    const verdict = handrail('verify', pack, '--allowed-signers', trustFile);
    expect(verdict.status, verdict.stdout).toBe(1);
    expect(verdict.stdout).toMatch(
      new RegExp(
        `^UNSIGNED: the pack is as it was signed, but no sign-off covers runs/${abortedRunId}/bundle`,
        'm',
      ),
    );
    expect(verdict.stdout).not.toMatch(/^FAIL (?!runs\/\S+\/bundle)/m);
    const cast = listing.split('\n').find((name) => name.endsWith(`${abortedRunId}/terminal-1.cast`))!;
    const text = spawnSync('tar', ['-xOf', pack, cast], { encoding: 'utf8' }).stdout;
    expect(text).toContain('use-secret: Log in to the database');
    expect(text).toContain('login with');
  });
});
