import { RpcError, type DocumentVerification } from '../../../shared/contract/index';
import type { Diagnostic, ImportReview, Runbook } from '../../../shared/runbook/index';
import { verifyDocument } from '../report/verify-document';
import { importGuide, lintRunbook, RunbookInputError } from '../runbook/index';
import {
  inspectSource,
  normalizeModel,
  normalizeSource,
  reviewGuide,
  type NormalizedRunbook,
} from '../runbook-library/runbook-codec';
import { scriptsBeside } from './scripts-beside';

/**
 * What the reader process does: every parse of runbook or guide text that comes from a request,
 * a file or the command line. Each job names its file, so a refusal can name it too.
 */
export type ReaderJob =
  | { kind: 'inspect'; file: string; source: string }
  | { kind: 'normalizeSource'; file: string; text: string; field: string }
  | { kind: 'normalizeModel'; file: string; model: Runbook; field: string }
  | { kind: 'reviewGuide'; file: string; text: string }
  | { kind: 'lint'; file: string; input: string | Uint8Array }
  /** `includes`: the scripts an imported script calls, read from beside it, become its steps. */
  | { kind: 'importGuide'; file: string; input: string | Uint8Array; includes?: boolean }
  | { kind: 'verifyDocument'; file: string; text: string };

export interface ReaderResults {
  inspect: { runbook: Runbook | null; diagnostics: Diagnostic[] };
  normalizeSource: NormalizedRunbook;
  normalizeModel: NormalizedRunbook;
  reviewGuide: ImportReview;
  lint: Diagnostic[];
  importGuide: ImportReview;
  verifyDocument: DocumentVerification;
}

export type JobOf<K extends ReaderJob['kind']> = Extract<ReaderJob, { kind: K }>;

export function runJob(job: ReaderJob): ReaderResults[ReaderJob['kind']] {
  switch (job.kind) {
    case 'inspect':
      return inspectSource(job.source, job.file);
    case 'normalizeSource':
      return normalizeSource(job.text, job.file, job.field);
    case 'normalizeModel':
      return normalizeModel(job.model, job.file, job.field);
    case 'reviewGuide':
      return reviewGuide(job.text, job.file);
    case 'lint':
      return lintRunbook(job.input, job.file);
    case 'importGuide':
      return importGuide(job.input, job.file, undefined, job.includes === true ? scriptsBeside : undefined);
    case 'verifyDocument':
      return verifyDocument(job.text, job.file);
  }
}

/** An error as it crosses from the reader process: only data survives the process boundary. */
export type JobFailure =
  | { type: 'rpc'; code: RpcError['code']; message: string; field: string | undefined }
  | { type: 'input'; diagnostics: Diagnostic[] }
  | { type: 'too-deep' }
  | { type: 'crash'; message: string };

export function describeFailure(error: unknown): JobFailure {
  if (error instanceof RpcError)
    return { type: 'rpc', code: error.code, message: error.message, field: error.field };
  if (error instanceof RunbookInputError) return { type: 'input', diagnostics: error.diagnostics };
  if (error instanceof RangeError && /call stack/i.test(error.message)) return { type: 'too-deep' };
  return { type: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** The messages between the host and the reader process (Node's IPC, structured clone). */
export type WorkerRequest = { id: number; job: ReaderJob };
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; result: unknown }
  | { kind: 'failed'; id: number; failure: JobFailure };
