import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';
import type { RunDetail, RunEvent } from '../../../shared/contract/index';
import { eventHash, genesisHash } from '../run/event-log';
import { foldEvents } from '../run/run-reducer';
import { reviewDigestProblem } from '../review/review-digest';
import { parseRunbook } from '../runbook/index';
import type { RunBundle, StoredSignature } from './run-bundle';
import { signoffFormat, type SignedPayload } from './signed-payload';
import { signoffRecordOf } from './signoff-record';
import type { SignoffRecord } from '../run/run-event-types';
import { verifySshSignature } from '../signing/sshsig-verify';

/**
 * Checks a run bundle with nothing but the bundle: every event's hash and link, the state the
 * bundle shows against the state rebuilt from its log, and every signature over its payload
 * (which must name this run and a head that is in this log).
 */
export interface SignatureCheck {
  index: number;
  kind: string;
  name: string;
  role: string;
  at: string;
  fingerprint: string;
  valid: boolean;
  problem: string | null;
}

export interface BundleVerification {
  valid: boolean;
  runId: string;
  chain: {
    valid: boolean;
    events: number;
    headHash: string;
    firstBadSeq: number | null;
    problem: string | null;
  };
  state: { valid: boolean; problem: string | null };
  signatures: SignatureCheck[];
  coverage: SignatureCoverage;
}

export interface SignatureCoverage {
  signedEvents: number;
  unsignedAfter: Array<{ seq: number; type: string }>;
  finalSignoff: boolean;
}

export function verifyBundle(bundle: RunBundle): BundleVerification {
  const runId = bundle.run.run.id;
  const chain = withRecordedSignoffs(verifyChain(runId, bundle.events), bundle);
  const state = chain.valid
    ? verifyState(bundle)
    : { valid: false, problem: 'the event log does not verify' };
  const signatures = bundle.signatures.map((signature, index) => checkSignature(bundle, signature, index));
  return {
    valid: chain.valid && state.valid && signatures.every((check) => check.valid),
    runId,
    chain,
    state,
    signatures,
    coverage: signatureCoverage(bundle, signatures),
  };
}

/**
 * The events after the furthest head a good signature names, but the records of sign-offs
 * themselves (a sign-off cannot cover its own record). A log cut after its last signature (the
 * finish and the final sign-off dropped) still verifies as far as it goes; this says where the
 * signed part ends, and whether the run has a final sign-off at all.
 */
function signatureCoverage(bundle: RunBundle, checks: readonly SignatureCheck[]): SignatureCoverage {
  let signedEvents = 0;
  let finalSignoff = false;
  for (const [index, signature] of bundle.signatures.entries()) {
    if (checks[index]?.valid !== true) continue;
    if (signature.kind === 'final') finalSignoff = true;
    const count = signedEventCount(signature.payload);
    if (count !== undefined) signedEvents = Math.max(signedEvents, count);
  }
  const unsignedAfter = bundle.events
    .slice(signedEvents)
    .filter((event) => event.type !== 'signoff.recorded')
    .map((event) => ({ seq: event.seq, type: event.type }));
  return { signedEvents, unsignedAfter, finalSignoff };
}

function signedEventCount(payload: string): number | undefined {
  try {
    const parsed = JSON.parse(payload) as Partial<SignedPayload>;
    return typeof parsed.eventCount === 'number' ? parsed.eventCount : undefined;
  } catch {
    return undefined;
  }
}

export function verifyChain(runId: string, events: readonly RunEvent[]): BundleVerification['chain'] {
  let prevHash = genesisHash;
  for (const [index, event] of events.entries()) {
    const bad = (problem: string) => ({
      valid: false,
      events: events.length,
      headHash: prevHash,
      firstBadSeq: event.seq,
      problem,
    });
    if (event.seq !== index) return bad(`event ${index} is numbered ${event.seq}`);
    if (event.prevHash !== prevHash) return bad(`event ${event.seq} does not follow event ${index - 1}`);
    if (eventHash(runId, event) !== event.hash)
      return bad(`event ${event.seq} (${event.type}) was changed after it was written`);
    prevHash = event.hash;
  }
  return { valid: true, events: events.length, headHash: prevHash, firstBadSeq: null, problem: null };
}

/**
 * Every sign-off the log records (`signoff.recorded`, signoff-record.ts) must be among the
 * bundle's signatures, the same payload and armour: a signature taken out of a file leaves its
 * record behind, and a record taken out breaks the chain. Older logs have no such events; their
 * signatures are judged one by one as before.
 */
function withRecordedSignoffs(
  chain: BundleVerification['chain'],
  bundle: RunBundle,
): BundleVerification['chain'] {
  if (!chain.valid) return chain;
  const carried = new Set(bundle.signatures.map((signature) => recordKey(signoffRecordOf(signature))));
  for (const event of bundle.events) {
    if (event.type !== 'signoff.recorded') continue;
    const record = event.payload as unknown as SignoffRecord;
    if (carried.has(recordKey(record))) continue;
    return {
      ...chain,
      valid: false,
      firstBadSeq: event.seq,
      problem: `event ${event.seq} records the ${String(record.kind)} sign-off by ${String(record.name)} (${String(record.fingerprint)}), and its signature is not in this file`,
    };
  }
  return chain;
}

function recordKey(record: SignoffRecord): string {
  return canonicalJson(record);
}

/** The state a report is rendered from must be the one its log yields. */
function verifyState(bundle: RunBundle): { valid: boolean; problem: string | null } {
  let rebuilt: RunDetail;
  try {
    const runbook = parseRunbook(
      bundle.runbook.source,
      `${bundle.runbook.title} (revision ${bundle.runbook.revision})`,
    );
    rebuilt = foldEvents(runbook, bundle.run.run.id, bundle.events);
  } catch (error) {
    return { valid: false, problem: `the state cannot be rebuilt from the log: ${(error as Error).message}` };
  }
  const shown = comparable(bundle.run);
  const derived = comparable(rebuilt);
  if (shown === derived) return { valid: true, problem: null };
  return { valid: false, problem: 'the run shown differs from the run its event log records' };
}

/**
 * Fields that describe the exporting host's process rather than the run (whether secrets are in
 * its memory, which terminal it has open) are left out of the comparison; key order is not part of it.
 */
function comparable(detail: RunDetail): string {
  return canonicalJson({ ...detail, run: { ...detail.run, secretsAvailable: null, terminalId: null } });
}

function checkSignature(bundle: RunBundle, signature: StoredSignature, index: number): SignatureCheck {
  const base = {
    index: index + 1,
    kind: signature.kind,
    name: signature.name,
    role: signature.role,
    at: signature.at,
    fingerprint: signature.fingerprint,
  };
  const result = verifySshSignature({
    message: signature.payload,
    signature: signature.signature,
    expectedSigner: signature.publicKey,
  });
  if (!result.valid) return { ...base, valid: false, problem: result.problem };
  const problem = payloadProblem(bundle, signature);
  return { ...base, valid: problem === null, problem };
}

function payloadProblem(bundle: RunBundle, signature: StoredSignature): string | null {
  let payload: SignedPayload;
  try {
    payload = JSON.parse(signature.payload) as SignedPayload;
  } catch {
    return 'the signed payload is not JSON';
  }
  if (payload.format !== signoffFormat) return `the signed payload is not a ${signoffFormat} statement`;
  if (payload.runId !== bundle.run.run.id) return `it signs run ${payload.runId}, not this one`;
  const head = bundle.events[payload.eventCount - 1];
  if (head?.hash !== payload.headHash)
    return `it signs a log head (${payload.eventCount} events) this log does not have`;
  const source = createHash('sha256').update(bundle.runbook.source, 'utf8').digest('hex');
  if (payload.runbook.sourceSha256 !== source) return 'it signs another runbook revision';
  const statement = payload.statement;
  if (
    statement.name !== signature.name ||
    statement.role !== signature.role ||
    statement.kind !== signature.kind
  )
    return 'the signer shown differs from the signer in the signed payload';
  // A review sign-off covers the review's first N entries: a comment changed since, or removed, shows here.
  if (statement.kind === 'review' || payload.review !== undefined)
    return reviewDigestProblem(payload.review, bundle.review ?? []);
  return null;
}
