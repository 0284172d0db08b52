import { existsSync, readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { SigningKeyChoice } from '../../../shared/contract/index';
import { signerIdentity } from '../../../shared/report/signer-principal';
import type { ReportService } from '../report/report-service';
import type { RunEngine } from '../run/run-engine';
import { parseSshPublicKeyLine, sshFingerprint } from '../signing/ssh-public-key';
import { signDetached, type DetachedSignature } from './audit-signer';
import { writeAuditorPack, type PackFilter, type PackResult, type PackSigner } from './auditor-pack';
import { changeRecordOf, type ChangeRecord } from './change-record';
import { runCasts, type RunCast } from './run-transcripts';
import { runStatementOf, statementFileBytes, subjectOf, type RunStatement } from './run-statement';

export interface SignedStatement {
  statement: RunStatement;
  /** The statement file's exact bytes: what the signature covers. */
  bytes: Buffer;
  signature: DetachedSignature;
}

/**
 * The audit exports of issue 19 item 5 (docs/audit-exports.md), for the CLI and the RPC alike:
 * a run's change record, a signed in-toto statement over its exported files, its terminal
 * sessions as asciicast v3, and the auditor pack of a period. Everything is read from what the
 * reports read (ReportService's bundle), so an export agrees with the report beside it.
 */
export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly reports: ReportService,
    private readonly runs: RunEngine,
  ) {}

  changeRecord(runId: string): ChangeRecord {
    return changeRecordOf(this.reports.bundle(runId));
  }

  /** A local run's sessions; an imported run has none here (its bundle holds no transcript). */
  casts(runId: string, version: 2 | 3 = 3): RunCast[] {
    if (!this.runs.store.exists(runId)) {
      this.reports.bundle(runId); // an imported run has none; any other id is not_found
      return [];
    }
    // Only the two event types the casts read, not the commands' outputs of a long run's log.
    const events = this.runs.eventsOfTypes(runId, ['terminal.opened', 'step.started']);
    return runCasts(this.db, events, this.runs.get(runId).steps, version);
  }

  async statement(
    runId: string,
    files: ReadonlyArray<{ name: string; bytes: Uint8Array }>,
    signer: string,
    key: SigningKeyChoice,
  ): Promise<SignedStatement> {
    const statement = runStatementOf(
      this.reports.bundle(runId),
      files.map((file) => subjectOf(file.name, file.bytes)),
    );
    const bytes = statementFileBytes(statement);
    return { statement, bytes, signature: await this.sign(bytes, signer, key) };
  }

  sign(bytes: Uint8Array, signer: string, key: SigningKeyChoice): Promise<DetachedSignature> {
    return signDetached(bytes, signer, key, () => this.reports.handrailKey());
  }

  async writePack(
    path: string,
    filter: PackFilter,
    signer: string,
    key: SigningKeyChoice,
  ): Promise<PackResult> {
    return writeAuditorPack(
      path,
      filter,
      {
        runs: () => this.runs.list(),
        runFiles: async (run, folder) => {
          const report = await this.reports.export(run.id, 'html');
          const bundle = await this.reports.export(run.id, 'bundle');
          const subjects = [
            { name: `${folder}/report.html`, bytes: Buffer.from(report.content, report.encoding) },
            { name: `${folder}/bundle.handrail.json`, bytes: Buffer.from(bundle.content, bundle.encoding) },
          ];
          const signed = await this.statement(run.id, subjects, signer, key);
          const casts = this.casts(run.id);
          return {
            statement: 'statement.json',
            files: [
              { name: 'report.html', bytes: subjects[0]!.bytes },
              { name: 'bundle.handrail.json', bytes: subjects[1]!.bytes },
              { name: 'change-record.json', bytes: jsonFile(this.changeRecord(run.id)) },
              { name: 'statement.json', bytes: signed.bytes },
              { name: 'statement.sig', bytes: Buffer.from(signed.signature.signature) },
              ...casts.map((cast, index) => ({
                name: `terminal-${index + 1}.cast`,
                bytes: Buffer.from(cast.text),
              })),
            ],
          };
        },
        sign: (bytes) => this.sign(bytes, signer, key),
      },
      key,
      this.packSigner(signer, key),
    );
  }

  /** The fingerprint README.txt states: Handrail's key, or an SSH key's .pub when it is there. */
  private packSigner(name: string, key: SigningKeyChoice): PackSigner {
    const principal = signerIdentity(name);
    if (key.kind === 'handrail')
      return { name, principal, fingerprint: this.reports.handrailKey().fingerprint };
    const pub = key.keyPath.endsWith('.pub') ? key.keyPath : `${key.keyPath}.pub`;
    if (!existsSync(pub)) return { name, principal, fingerprint: null };
    try {
      return {
        name,
        principal,
        fingerprint: sshFingerprint(parseSshPublicKeyLine(readFileSync(pub, 'utf8')).blob),
      };
    } catch {
      return { name, principal, fingerprint: null };
    }
  }
}

/** JSON files of the exports: two-space indented, one trailing newline. */
export function jsonFile(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}
