import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';
import type { RunTally } from '../../../shared/contract/index';
import type { RunBundle } from '../report/run-bundle';
import { reportModelOf } from '../report/report-documents';

/**
 * An in-toto Statement (attestation framework, spec/v1/statement.md): `_type` is always
 * https://in-toto.io/Statement/v1; `subject` lists the artifacts it speaks of, each by name and
 * digest (here the exported report files, sha256 in lowercase hex as the spec's DigestSet has
 * it); `predicateType` is a URI naming the predicate's schema, here Handrail's run result.
 */
export const statementType = 'https://in-toto.io/Statement/v1';

/**
 * A URN rather than an https address: the spec asks for a collision-resistant URI, and Handrail
 * owns no web domain to promise a page at. Raised with any change to the predicate's fields.
 */
export const runResultPredicateType = 'urn:handrail:predicate:run-result:v1';

export interface StatementSubject {
  name: string;
  digest: { sha256: string };
}

export interface RunResultPredicate {
  runId: string;
  runbook: { id: string; title: string; revision: number };
  environment: { name: string; kind: string };
  mode: string;
  status: string;
  operator: string;
  startedAt: string;
  endedAt: string | null;
  /** The one count of shared/run/step-tally.ts: runbook steps and host steps apart. */
  counts: RunTally;
  deviations: number;
  /** The hash-chained event log's length and head: what the run's own signatures cover too. */
  eventLog: { events: number; headHash: string };
  signoffs: Array<{
    kind: string;
    stepKey: string | null;
    name: string;
    role: string;
    at: string;
    fingerprint: string | null;
  }>;
}

export interface RunStatement {
  _type: typeof statementType;
  subject: StatementSubject[];
  predicateType: typeof runResultPredicateType;
  predicate: RunResultPredicate;
}

/** A subject for exported bytes, named as the file is named. */
export function subjectOf(name: string, bytes: Uint8Array): StatementSubject {
  return { name, digest: { sha256: createHash('sha256').update(bytes).digest('hex') } };
}

export function runStatementOf(bundle: RunBundle, subject: readonly StatementSubject[]): RunStatement {
  const { run } = bundle.run;
  const model = reportModelOf(bundle);
  return {
    _type: statementType,
    subject: [...subject],
    predicateType: runResultPredicateType,
    predicate: {
      runId: run.id,
      runbook: { id: run.runbookId, title: run.runbookTitle, revision: run.revision },
      environment: { name: run.environment.name, kind: run.environment.kind },
      mode: run.mode,
      status: run.status,
      operator: run.operator,
      startedAt: run.createdAt,
      endedAt: run.endedAt,
      counts: model.counts,
      deviations: model.deviations.length,
      eventLog: { events: run.eventCount, headHash: run.headHash },
      signoffs: model.signoffs.map((signoff) => ({
        kind: signoff.kind,
        stepKey: signoff.stepKey,
        name: signoff.name,
        role: signoff.role,
        at: signoff.at,
        fingerprint: signoff.fingerprint,
      })),
    },
  };
}

/**
 * The statement's file: its canonical JSON (shared/canonical-json.ts) and a newline. These exact
 * bytes are signed, so `ssh-keygen -Y verify ... < statement.json` checks the file as written.
 */
export function statementFileBytes(statement: RunStatement): Buffer {
  return Buffer.from(`${canonicalJson(statement)}\n`, 'utf8');
}
