import type { Database } from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import {
  RpcError,
  type DocumentVerification,
  type ExportFormat,
  type ExportedFile,
  type RunDetail,
  type RunEvent,
  type SigningKeyChoice,
} from '../../../shared/contract/index';
import { throwIfCancelled } from '../../../shared/rpc/server';
import { signerIdentity } from '../../../shared/report/signer-principal';
import { loadOrCreateHandrailSigningKey, type HandrailSigningKey } from '../signing/handrail-signing-key';
import { htmlToPdf } from './html-to-pdf';
import { deviationEventTypes } from './deviations';
import { writeToFile } from './file-sink';
import { extractBundle, reportModelOf, writeReport } from './report-documents';
import { canonicalEventBytes } from './event-bytes';
import { outputJsonOf } from './output-json';
import { recordOfBundle, type ReportRecord, type WithOutputs } from './report-record';
import { rendered } from './report-sink';
import type { Deviation } from './report-model';
import { verifyDocument } from './verify-document';
import { bundleFormat, parseBundle, type RunBundle, type StoredSignature } from './run-bundle';
import { signedPayload, type SignoffStatement } from './signed-payload';
import { SignatureStore } from './signature-store';
import { signoffRecordOf } from './signoff-record';
import { documentTypes, fileBase } from './export-file-names';
import { latestAssessment, reviewDigest } from '../review/review-digest';
import { ReviewStore } from '../review/review-store';
import { SshKeygenSignError, signWithSshKeygen } from '../signing/ssh-keygen-signer';
import type { GateSignoff } from '../run/signoff-actions';

/** Where the report service reads local runs (the run engine's log and state). */
export interface RunSource {
  exists(runId: string): boolean;
  state(runId: string): RunDetail;
  events(runId: string): RunEvent[];
  /** Each event's canonical JSON, oldest first, read as it is iterated (EventLog.canonicalEvents). */
  canonicalEvents(runId: string): Iterable<string>;
  /** Only the events of these types, oldest first. */
  eventsOfTypes(runId: string, types: readonly string[]): RunEvent[];
  /** The state for a report; with `withOutputs`, its finished commands' outputs are read per step. */
  reportState(runId: string): { detail: RunDetail; withOutputs?: WithOutputs | undefined };
  runbookSource(runbookId: string, revision: number): string;
  /** Throws when the gate cannot be signed now (run paused, gate held, not pending). */
  checkGate(runId: string, gate: GateSignoff): void;
  /**
   * Writes a sign-off into the run's log with `storeSignature` (the signature's row) in the same
   * transaction; with `gate`, the gate passes in it too.
   */
  recordSignoff(
    runId: string,
    record: ReturnType<typeof signoffRecordOf>,
    storeSignature: () => void,
    gate?: GateSignoff,
  ): void;
}

export interface SignRequest {
  runId: string;
  kind: StoredSignature['kind'];
  stepKey?: string | undefined;
  name: string;
  role: string;
  key: SigningKeyChoice;
  outOfOrderReason?: string | undefined;
}

/**
 * Sign-offs, exports and verification. A local run's bundle is built from the run's log; an
 * imported run's bundle is the one that arrived, with every signature added here since.
 */
export class ReportService {
  private readonly signatures: SignatureStore;
  private readonly reviews: ReviewStore;
  private key: HandrailSigningKey | undefined;

  constructor(
    private readonly db: Database,
    private readonly dataDir: string,
    private readonly runs: RunSource,
  ) {
    this.signatures = new SignatureStore(db);
    this.reviews = new ReviewStore(db);
  }

  handrailKey(): HandrailSigningKey {
    this.key ??= loadOrCreateHandrailSigningKey(this.dataDir);
    return this.key;
  }

  bundle(runId: string, now = new Date()): RunBundle {
    const review = this.reviews.entries(runId);
    return review.length === 0 ? this.recordOf(runId, now) : { ...this.recordOf(runId, now), review };
  }

  private recordOf(runId: string, now: Date): RunBundle {
    if (this.runs.exists(runId)) return { ...this.localHead(runId, now), events: this.runs.events(runId) };
    const imported = this.signatures.importedBundle(runId);
    if (imported === undefined)
      throw new RpcError('not_found', `no run or imported run ${runId}`, 'params.runId');
    return {
      ...parseBundle(imported),
      exportedAt: now.toISOString(),
      signatures: this.signatures.signatures(runId),
    };
  }

  /** A local run's bundle but its log: the state (each output excerpt once), runbook, signatures. */
  private localHead(
    runId: string,
    now: Date,
    run = this.runs.state(runId),
  ): Omit<RunBundle, 'events' | 'review'> {
    return {
      format: bundleFormat,
      exportedAt: now.toISOString(),
      runbook: {
        id: run.run.runbookId,
        revision: run.run.revision,
        title: run.run.runbookTitle,
        source: this.runs.runbookSource(run.run.runbookId, run.run.revision),
      },
      run,
      signatures: this.signatures.signatures(runId),
    };
  }

  /**
   * What a report is written from. A local run's log stays in SQLite, read a row at a time as the
   * report is written (its model reads only the events deviations.ts reads); an imported run's
   * bundle is in memory already. The bytes are those of the whole bundle either way.
   *
   * The stored payloads (events, and the outputs cut from them) are read as their UTF-8 bytes for
   * a run open in the host, which is fastest; for any other (`handrail report`, whose peak RSS
   * has a bar) as JS strings: 130 MB of short-lived blobs, off V8's heap, wait for a full GC and
   * raised its peak from ~200 to ~250 MB, where strings die young in the scavenger.
   */
  private reportRecord(runId: string, now = new Date()): ReportRecord {
    if (!this.runs.exists(runId)) return recordOfBundle(this.bundle(runId, now));
    const review = this.reviews.entries(runId);
    const { detail, withOutputs } = this.runs.reportState(runId);
    const head = this.localHead(runId, now, detail);
    const small = withOutputs !== undefined;
    return {
      bundle: review.length === 0 ? head : { ...head, review },
      ...(withOutputs === undefined ? {} : { withOutputs }),
      outputJson: outputJsonOf(this.db, runId, { asText: small }),
      modelEvents: this.runs.eventsOfTypes(runId, deviationEventTypes),
      eventTexts: () => (small ? this.runs.canonicalEvents(runId) : canonicalEventBytes(this.db, runId)),
    };
  }

  /** The run as its report shows it (local or imported): state, deviations, signatures. */
  review(runId: string): {
    detail: RunDetail;
    imported: boolean;
    deviations: Deviation[];
    signatures: StoredSignature[];
  } {
    const bundle = this.bundle(runId);
    return {
      detail: bundle.run,
      imported: !this.runs.exists(runId),
      deviations: reportModelOf(bundle).deviations,
      signatures: bundle.signatures,
    };
  }

  signaturesOf(runId: string): StoredSignature[] {
    return this.signatures.signatures(runId);
  }

  /**
   * Signing may wait long on ssh-keygen (a hardware key waiting for a touch), so nothing is written
   * before the signature is made: a cancel meanwhile, or a signing that fails, leaves the run as it
   * was (a gate stays closed). A local run's gate and final sign-offs are then written into its
   * log with the signature's row in one transaction. Reviews and countersigns are a second
   * party's word on the record, kept beside the log as review comments are (docs/reviews.md),
   * and an imported run's log is not ours to extend.
   */
  async sign(request: SignRequest, signal?: AbortSignal): Promise<StoredSignature> {
    const local = this.runs.exists(request.runId);
    const gate = request.kind === 'gate' ? this.gateToPass(request, local) : undefined;
    if (request.kind === 'final' && local) requireFinished(this.runs.state(request.runId).run.status);
    const head = this.headToSign(request.runId, local);
    const review = request.kind === 'review' ? this.reviewToSign(head) : undefined;
    const statement: SignoffStatement = {
      kind: request.kind,
      stepKey: request.stepKey ?? null,
      name: request.name,
      role: request.role,
      at: new Date().toISOString(),
    };
    const payload = signedPayload(head.run, head.runbook.source, statement, review);
    const signed = await this.signPayload(payload, request.key);
    if (signal !== undefined) throwIfCancelled(signal);
    const signature: StoredSignature = {
      ...statement,
      identity: signerIdentity(request.name),
      publicKey: signed.publicKey,
      fingerprint: signed.fingerprint,
      payload,
      signature: signed.signature,
    };
    const store = (): void => this.signatures.add(request.runId, signature);
    if (local && inRunLog.has(request.kind))
      this.runs.recordSignoff(request.runId, signoffRecordOf(signature), store, gate);
    else store();
    return signature;
  }

  /** What a sign-off's payload is made from: the run's head, runbook and review, not its log. */
  private headToSign(runId: string, local: boolean): Omit<RunBundle, 'events'> {
    if (!local) return this.bundle(runId);
    const review = this.reviews.entries(runId);
    const head = this.localHead(runId, new Date());
    return review.length === 0 ? head : { ...head, review };
  }

  /** The RPC's export: the whole file as one string (base64 for a PDF). */
  async export(runId: string, format: ExportFormat): Promise<ExportedFile> {
    if (format === 'bundle') {
      const bundle = this.bundle(runId);
      return {
        fileName: `${fileBase(bundle)}.handrail.json`,
        mediaType: 'application/json',
        encoding: 'utf8',
        content: JSON.stringify(bundle, null, 1),
      };
    }
    const record = this.reportRecord(runId);
    const base = fileBase(record.bundle);
    if (format === 'pdf') {
      const pdf = await htmlToPdf(rendered((sink) => writeReport(sink, record, 'html')));
      return {
        fileName: `${base}.pdf`,
        mediaType: 'application/pdf',
        encoding: 'base64',
        content: pdf.toString('base64'),
      };
    }
    const content = rendered((sink) => writeReport(sink, record, format));
    const { extension, mediaType } = documentTypes[format];
    return { fileName: `${base}.${extension}`, mediaType, encoding: 'utf8', content };
  }

  /**
   * `handrail report --out FILE`: HTML, Markdown and JSON are written to the file as they are
   * made (file-sink.ts), so the report is never in memory whole; a PDF (Chromium prints it from
   * the HTML) and a bundle file are made whole, as export makes them, then written.
   */
  async exportToFile(runId: string, format: ExportFormat, path: string): Promise<void> {
    if (format === 'pdf' || format === 'bundle') {
      const file = await this.export(runId, format);
      writeFileSync(path, Buffer.from(file.content, file.encoding), { mode: 0o600 });
      return;
    }
    const record = this.reportRecord(runId);
    writeToFile(path, (sink) => writeReport(sink, record, format));
  }

  /**
   * Verifies a bundle file or report, and keeps it as a run to review and countersign. The host's
   * request handler verifies in the runbook reader's worker first and passes the result in.
   */
  importBundle(
    text: string,
    fileName: string,
    verification: DocumentVerification = this.verifyDocument(text, fileName),
  ): { runId: string; title: string; verification: DocumentVerification } {
    const { bundle } = extractBundle(text, fileName);
    if (!verification.chain.valid || !verification.state.valid)
      throw new RpcError(
        'invalid_params',
        `${fileName}: ${verification.chain.problem ?? verification.state.problem}`,
        'params.content',
      );
    const runId = bundle.run.run.id;
    if (this.runs.exists(runId))
      throw new RpcError(
        'conflict',
        `${fileName}: run ${runId} is a run of this data folder, not one to import`,
        'params.content',
      );
    const title = `${bundle.run.run.runbookTitle} — ${bundle.run.run.environment.name}`;
    const { review, ...record } = bundle;
    this.signatures.importRun(runId, title, JSON.stringify({ ...record, signatures: [] }), bundle.signatures);
    this.reviews.importEntries(runId, review ?? []);
    return { runId, title, verification };
  }

  importedRuns(): Array<{ runId: string; title: string; importedAt: string }> {
    return this.signatures.importedRuns();
  }

  verifyDocument(text: string, fileName: string): DocumentVerification {
    return verifyDocument(text, fileName);
  }

  /** A review sign-off needs an assessment and a finished run; it signs every entry so far. */
  private reviewToSign(bundle: Omit<RunBundle, 'events'>): ReturnType<typeof reviewDigest> {
    const entries = bundle.review ?? [];
    if (latestAssessment(entries) === undefined)
      throw new RpcError('conflict', 'write the overall assessment before signing the review', 'params.kind');
    const status = bundle.run.run.status;
    if (status !== 'completed' && status !== 'aborted')
      throw new RpcError(
        'conflict',
        'the review sign-off comes after the run is finished or aborted',
        'params.kind',
      );
    return reviewDigest(entries);
  }

  /**
   * The gate to pass with this signature, checked before anyone is asked to sign; undefined when
   * the gate has passed already (a further signature on it is recorded as a sign-off only).
   */
  private gateToPass(request: SignRequest, local: boolean): GateSignoff | undefined {
    if (!local)
      throw new RpcError(
        'conflict',
        'gates are signed in the run itself, not in an imported copy',
        'params.kind',
      );
    if (request.stepKey === undefined)
      throw new RpcError(
        'invalid_params',
        'params.stepKey: a gate sign-off names its step',
        'params.stepKey',
      );
    const step = this.runs.state(request.runId).steps.find((candidate) => candidate.key === request.stepKey);
    if (step?.kind !== 'gate')
      throw new RpcError(
        'invalid_params',
        `params.stepKey: ${request.stepKey} is not a gate of this run`,
        'params.stepKey',
      );
    if (step.signoff !== null) return undefined;
    const gate: GateSignoff = {
      stepKey: request.stepKey,
      name: request.name,
      role: request.role,
      outOfOrderReason: request.outOfOrderReason,
    };
    this.runs.checkGate(request.runId, gate);
    return gate;
  }

  private async signPayload(
    payload: string,
    key: SigningKeyChoice,
  ): Promise<{ signature: string; publicKey: string; fingerprint: string }> {
    if (key.kind === 'handrail') {
      const own = this.handrailKey();
      return { signature: own.sign(payload), publicKey: own.publicKey, fingerprint: own.fingerprint };
    }
    try {
      const result = await signWithSshKeygen({ keyPath: key.keyPath, message: payload });
      if (result.signer === undefined)
        throw new RpcError(
          'invalid_params',
          `${key.keyPath}: Handrail cannot check signatures of this key type`,
          'params.key.keyPath',
        );
      return {
        signature: result.signature,
        publicKey: result.signer.publicKey,
        fingerprint: result.signer.fingerprint,
      };
    } catch (error) {
      if (error instanceof SshKeygenSignError)
        throw new RpcError('invalid_params', error.message, 'params.key.keyPath');
      throw error;
    }
  }
}

/** The sign-offs that are the operator's record, and so events in the run's own log. */
const inRunLog: ReadonlySet<SignRequest['kind']> = new Set(['gate', 'final']);

function requireFinished(status: string): void {
  if (status !== 'completed' && status !== 'aborted')
    throw new RpcError(
      'conflict',
      'the final sign-off comes after the run is finished or aborted',
      'params.kind',
    );
}
