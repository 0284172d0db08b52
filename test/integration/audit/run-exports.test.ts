import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract/index';
import { verifySshSignature } from '../../../electron/host/signing/sshsig-verify';
import { AuditService } from '../../../electron/host/audit/audit-service';
import { createHost, type Host } from '../../../electron/host/host';
import { databaseFileName } from '../../../electron/host/store/data-dir';
import { allowedSignerLine, signerIdentity } from '../../../shared/report/signer-principal';
import { sshKeygenAvailable } from '../../support/ssh-keygen-cli';
import { makeTempDir } from '../../support/temp-dir';
import { finishedReportRun } from '../report/report-fixture';
import { startRunHost } from '../run/host-fixture';

interface LoggedEvent {
  seq: number;
  at: string;
  type: string;
  stepKey: string | null;
  payload: Record<string, unknown>;
  hash: string;
}

/**
 * A run made through the real engine (the report fixture: a command, a gate signed with
 * Handrail's key, evidence, a final sign-off), exported as change record, signed statement and
 * asciicast v3; each is compared with the run's log read straight from its SQLite file.
 */
describe('audit exports of one finished run', () => {
  const temp = makeTempDir('handrail-audit-run-');
  let dataDir = '';
  let runId = '';
  let host: Host;
  let audit: AuditService;
  let log: LoggedEvent[] = [];
  let rpc: {
    record: Result<'audit.changeRecord'>;
    statement: Result<'audit.statement'>;
    casts: Result<'audit.asciicast'>;
  };

  beforeAll(async () => {
    dataDir = join(temp.path, 'data');
    const fixture = startRunHost(dataDir);
    try {
      runId = await finishedReportRun(fixture, temp.path);
      // The app's calls, over the real RPC server, while the host holds the run.
      rpc = {
        record: await fixture.client.call('audit.changeRecord', { runId }),
        statement: await fixture.client.call('audit.statement', {
          runId,
          signer: 'Grace Hopper',
          key: { kind: 'handrail' },
        }),
        casts: await fixture.client.call('audit.asciicast', { runId }),
      };
    } finally {
      // Closing the host ends the run's terminal session, so its recording has an end.
      fixture.close();
    }
    const db = new Database(join(dataDir, databaseFileName), { readonly: true });
    log = (
      db
        .prepare(
          'SELECT seq, at, type, step_key AS stepKey, payload, hash FROM run_events WHERE run_id = ? ORDER BY seq',
        )
        .all(runId) as Array<Omit<LoggedEvent, 'payload'> & { payload: string }>
    ).map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }));
    db.close();
    host = createHost({ dataDir, version: 'test', readOnly: true });
    audit = new AuditService(host.db, host.reports, host.runs);
  });
  afterAll(() => {
    host?.close();
    temp.remove();
  });

  const first = (type: string): LoggedEvent => log.find((event) => event.type === type)!;

  it('the change record is filled from the log, and what Handrail cannot know is null', () => {
    const record = audit.changeRecord(runId);
    const created = first('run.created').payload as {
      runbookTitle: string;
      revision: number;
      operator: string;
      environment: { name: string };
    };
    expect(record.correlation_id).toBe(runId);
    expect(record.short_description).toBe(
      `${created.runbookTitle} (revision ${created.revision}) on ${created.environment.name}`,
    );
    expect(record.assigned_to).toBe(created.operator);
    expect(record.cmdb_ci).toBe(created.environment.name);
    expect(record.work_start).toBe(first('run.created').at);
    expect(record.work_end).toBe(first('run.finished').at);
    for (const unknown of [
      'number',
      'type',
      'risk',
      'impact',
      'assignment_group',
      'start_date',
      'end_date',
      'backout_plan',
    ] as const)
      expect(record[unknown], unknown).toBeNull();
    // Every step the run started is in the plan, in the log's order.
    const started = [
      ...new Set(log.filter((event) => event.type === 'step.started').map((event) => event.stepKey)),
    ];
    const titles = ['Read the plan', 'Print hostile output', 'Approve the change', 'Check it worked'];
    const positions = titles.map((title) => record.implementation_plan.indexOf(`- ${title} [`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(started.length).toBeGreaterThan(0);
    // The one check step and its evidence.
    expect(record.test_plan).toBe('- Check it worked');
    expect(record.test_results).toMatch(/^- Check it worked: succeeded, 1 evidence item\(s\)$/);
    // Sign-offs: the gate's (in the log) and the final one, with Handrail's key.
    const gate = first('gate.signed');
    expect(record.handrail.signoffs.map((signoff) => [signoff.kind, signoff.name])).toEqual([
      ['gate', (gate.payload as { name: string }).name],
      ['final', 'Ada Lovelace'],
    ]);
    expect(record.close_notes).toContain(`Event log: ${log.length} events`);
    expect(record.handrail.headHash).toBe(log.at(-1)!.hash);
    expect(record.close_code).toBe(
      record.handrail.deviations.length === 0 ? 'successful' : 'successful_issues',
    );
  });

  it.runIf(sshKeygenAvailable())(
    'the statement verifies with ssh-keygen, and names the report by its sha256',
    async () => {
      const report = await host.reports.export(runId, 'html');
      const reportPath = join(temp.path, 'report.html');
      writeFileSync(reportPath, report.content);
      const signed = await audit.statement(
        runId,
        [{ name: 'report.html', bytes: readFileSync(reportPath) }],
        'Ada Lovelace',
        { kind: 'handrail' },
      );
      writeFileSync(join(temp.path, 'statement.json'), signed.bytes);
      writeFileSync(join(temp.path, 'statement.sig'), signed.signature.signature);
      // The reader's own trust file: the key they know, for the principal they expect.
      const publicKey = readFileSync(join(dataDir, 'keys', 'handrail_ed25519.pub'), 'utf8').trim();
      writeFileSync(
        join(temp.path, 'allowed_signers'),
        `${allowedSignerLine(signerIdentity('Ada Lovelace'), publicKey)}\n`,
      );
      const verify = (): ReturnType<typeof spawnSync> =>
        spawnSync(
          'sh',
          [
            '-c',
            'ssh-keygen -Y verify -f allowed_signers -I ada.lovelace@handrail -n handrail -s statement.sig < statement.json',
          ],
          { cwd: temp.path, encoding: 'utf8' },
        );
      expect(verify().status, String(verify().stderr)).toBe(0);

      const statement = JSON.parse(readFileSync(join(temp.path, 'statement.json'), 'utf8')) as {
        _type: string;
        subject: Array<{ name: string; digest: { sha256: string } }>;
        predicateType: string;
        predicate: { runId: string; status: string; eventLog: { headHash: string; events: number } };
      };
      expect(statement._type).toBe('https://in-toto.io/Statement/v1');
      expect(statement.predicate).toMatchObject({
        runId,
        status: 'completed',
        eventLog: { events: log.length },
      });
      const sumsLine = `${statement.subject[0]!.digest.sha256}  ${statement.subject[0]!.name}\n`;
      const check = (): number | null =>
        spawnSync('sha256sum', ['-c', '-'], { cwd: temp.path, input: sumsLine, encoding: 'utf8' }).status;
      expect(check()).toBe(0);

      // One byte of the report changed: its digest is no longer the statement's.
      const bytes = readFileSync(reportPath);
      bytes[100] = bytes[100]! ^ 1;
      writeFileSync(reportPath, bytes);
      expect(check()).not.toBe(0);
      // One byte of the statement changed: ssh-keygen refuses it.
      const text = readFileSync(join(temp.path, 'statement.json'), 'utf8');
      writeFileSync(join(temp.path, 'statement.json'), text.replace('"completed"', '"complete!"'));
      expect(verify().status).not.toBe(0);
    },
  );

  it('the terminal session as asciicast v3: intervals add up to its length, a marker at each step start', () => {
    const casts = audit.casts(runId);
    expect(casts.length).toBe(1);
    const [headerLine, ...eventLines] = casts[0]!.text.trimEnd().split('\n');
    const header = JSON.parse(headerLine!) as { version: number; term: { cols: number; rows: number } };
    const db = new Database(join(dataDir, databaseFileName), { readonly: true });
    const session = db
      .prepare('SELECT started_at, ended_at, cols, rows FROM terminal_sessions WHERE id = ?')
      .get(casts[0]!.sessionId) as {
      started_at: string;
      ended_at: string | null;
      cols: number;
      rows: number;
    };
    const lastChunkMs = db
      .prepare('SELECT MAX(at_ms) FROM terminal_chunks WHERE session_id = ?')
      .pluck()
      .get(casts[0]!.sessionId) as number;
    db.close();
    expect(session.ended_at).not.toBeNull();
    expect(header).toMatchObject({ version: 3, term: { cols: session.cols, rows: session.rows } });
    let elapsedMs = 0;
    const markers: Array<{ atMs: number; label: string }> = [];
    for (const line of eventLines) {
      const event = JSON.parse(line) as [number, string, string];
      expect(event).toHaveLength(3);
      expect(event[0]).toBeGreaterThanOrEqual(0);
      expect(['o', 'm', 'r', 'x']).toContain(event[1]);
      expect(typeof event[2]).toBe('string');
      elapsedMs += Math.round(event[0] * 1000);
      if (event[1] === 'm' && event[2] !== 'session ended')
        markers.push({ atMs: elapsedMs, label: event[2] });
    }
    const startMs = Date.parse(session.started_at);
    // The session's length: its end, or its last output if that was stamped later.
    expect(elapsedMs).toBe(Math.max(Date.parse(session.ended_at!) - startMs, lastChunkMs));
    const starts = log.filter((event) => event.type === 'step.started' && Date.parse(event.at) >= startMs);
    expect(starts.length).toBeGreaterThan(0);
    expect(markers.map((marker) => marker.label.split(':')[0])).toEqual(starts.map((event) => event.stepKey));
    // Each marker sits where its step started, unless output stamped later came before it.
    for (const [index, marker] of markers.entries())
      expect(marker.atMs).toBeGreaterThanOrEqual(Date.parse(starts[index]!.at) - startMs);
  });

  it('the app gets the same exports over RPC: the statement covers the report it came with', () => {
    expect(JSON.parse(rpc.record.content)).toMatchObject({ correlation_id: runId, close_code: 'successful' });
    const [report, statementFile, signatureFile] = rpc.statement.files;
    expect(report!.fileName).toMatch(/\.html$/);
    expect(statementFile!.fileName).toBe(report!.fileName.replace(/\.html$/, '.statement.json'));
    const statement = JSON.parse(statementFile!.content) as {
      subject: Array<{ name: string; digest: { sha256: string } }>;
    };
    expect(statement.subject).toEqual([
      {
        name: report!.fileName,
        digest: { sha256: createHash('sha256').update(report!.content).digest('hex') },
      },
    ]);
    const checked = verifySshSignature({
      message: statementFile!.content,
      signature: signatureFile!.content,
    });
    expect(checked.valid).toBe(true);
    expect(rpc.statement.principal).toBe('grace.hopper@handrail');
    expect(rpc.statement.allowedSignersLine).toContain(
      checked.valid ? checked.signer.publicKey : 'unreachable',
    );
    expect(rpc.casts).toHaveLength(1);
    expect(JSON.parse(rpc.casts[0]!.content.split('\n')[0]!)).toMatchObject({ version: 3 });
  });
});
