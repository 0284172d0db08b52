import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { StatementCache } from '../store/statement-cache';
import { isHostStepKey, RpcError, type RunDetail, type RunEvent } from '../../../shared/contract/index';
import { canonicalJson } from '../../../shared/canonical-json';
import type { EventDraft } from './run-event-types';

/** The prevHash of a run's first event. */
export const genesisHash = '0'.repeat(64);

interface EventRow {
  run_id: string;
  seq: number;
  at: string;
  type: string;
  actor: string;
  step_key: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** What has finished commands' outputs: a state's step, a report's step. */
export interface OutputHolder {
  key: string;
  attempts: RunDetail['steps'][number]['attempts'];
}

export interface NewRun {
  id: string;
  runbookId: string;
  revision: number;
  environmentId: string;
}

export type Fold = (state: RunDetail, events: readonly RunEvent[]) => RunDetail;

export interface Verification {
  valid: boolean;
  events: number;
  headHash: string;
  firstBadSeq: number | null;
  problem: string | null;
}

/**
 * The append-only, hash-chained event log of runs. hash = SHA-256 (hex) of the canonical JSON of
 * {runId, seq, at, type, actor, stepKey, payload, prevHash}; the first prevHash is 64 zeros. Every
 * append writes the events, the run's header and the rows of the steps the events changed in one
 * transaction (synchronous=FULL), so
 * an action is acknowledged only once both are on disk, and the cached state never runs ahead of
 * or behind its log.
 */
export class EventLog {
  private readonly statements: StatementCache;

  constructor(private readonly db: Database) {
    this.statements = new StatementCache(db);
  }

  private sql(text: string): Statement {
    return this.statements.sql(text);
  }

  /** Inserts the run row and its first event (run.created). */
  create(run: NewRun, draft: EventDraft, initial: (created: RunEvent) => RunDetail): RunDetail {
    return this.db
      .transaction(() => {
        const created = seal(run.id, 0, genesisHash, draft);
        const state = initial(created);
        this.sql(
          `INSERT INTO runs (id, runbook_id, revision, environment_id, status, created_at, updated_at,
             state_json, head_hash, event_count)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        ).run(
          run.id,
          run.runbookId,
          run.revision,
          run.environmentId,
          state.run.status,
          created.at,
          created.at,
          JSON.stringify(headerOf(state)),
          created.hash,
        );
        this.insert(run.id, created);
        this.writeSteps(run.id, undefined, state);
        this.writeNotes(run.id, 0, state);
        return state;
      })
      .immediate();
  }

  /**
   * Appends the drafts after the log's head and stores `fold(state, events)` as the run's state.
   * `state` must be the state of the log as it is (the caller's copy of the cached state).
   * `alongside` writes rows that stand or fall with these events (a sign-off's signature) in the
   * same transaction.
   */
  append(
    runId: string,
    state: RunDetail,
    drafts: readonly EventDraft[],
    fold: Fold,
    alongside?: () => void,
  ): { state: RunDetail; events: RunEvent[] } {
    return this.db
      .transaction(() => {
        const head = this.head(runId);
        if (head.count !== state.run.eventCount) {
          throw new Error(
            `run ${runId}: the state given is of event ${state.run.eventCount}, the log has ${head.count}`,
          );
        }
        const events: RunEvent[] = [];
        let prevHash = head.hash;
        for (const [offset, draft] of drafts.entries()) {
          const event = seal(runId, head.count + offset, prevHash, draft);
          this.insert(runId, event);
          events.push(event);
          prevHash = event.hash;
        }
        const next = fold(state, events);
        this.sql(
          `UPDATE runs SET status = ?, updated_at = ?, state_json = ?, head_hash = ?, event_count = ?
           WHERE id = ?`,
        ).run(
          next.run.status,
          events.at(-1)?.at ?? new Date().toISOString(),
          JSON.stringify(headerOf(next)),
          prevHash,
          head.count + events.length,
          runId,
        );
        this.writeSteps(runId, state, next);
        this.writeNotes(runId, state.notes.length, next);
        alongside?.();
        return { state: next, events };
      })
      .immediate();
  }

  /**
   * The cached state as stored: the run row's header, its steps' rows in order and its notes.
   * With `outputs: false` finished commands keep the empty output of their rows (a report reads
   * them a step at a time, withOutputs).
   */
  storedState(runId: string, { outputs = true } = {}): RunDetail {
    const row = this.sql(`SELECT state_json FROM runs WHERE id = ?`).get(runId) as
      { state_json: string } | undefined;
    if (row === undefined) throw new RpcError('not_found', `no run with id ${runId}`, 'params.id');
    const header = JSON.parse(row.state_json) as Pick<RunDetail, 'run'>;
    const notes = (
      this.sql(`SELECT state_json FROM run_notes WHERE run_id = ? ORDER BY seq`).all(runId) as Array<{
        state_json: string;
      }>
    ).map((noteRow) => JSON.parse(noteRow.state_json) as RunDetail['notes'][number]);
    const steps = (
      this.sql(`SELECT state_json FROM run_steps WHERE run_id = ? ORDER BY position`).all(runId) as Array<{
        state_json: string;
      }>
    ).map((stepRow) => JSON.parse(stepRow.state_json) as RunDetail['steps'][number]);
    if (outputs) this.restoreOutputs(runId, steps);
    return { run: header.run, steps, notes };
  }

  /**
   * Every step has its own row (migration 0010); only those whose object changed in the fold (copy
   * on write, run-reducer.ts) are written, so an append costs the same at step 1,000 as at step 1
   * and with 5,000 host steps as with none.
   */
  private writeSteps(runId: string, before: RunDetail | undefined, after: RunDetail): void {
    const upsert = this.sql(
      `INSERT INTO run_steps (run_id, step_key, position, host_step, status, title, state_json)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, step_key) DO UPDATE SET position = excluded.position,
         status = excluded.status, title = excluded.title, state_json = excluded.state_json`,
    );
    after.steps.forEach((step, position) => {
      if (step === before?.steps[position]) return;
      upsert.run(
        runId,
        step.key,
        position,
        isHostStepKey(step.key) ? 1 : 0,
        step.status,
        step.title,
        JSON.stringify(step, withoutFinishedOutputs),
      );
    });
  }

  /**
   * A finished command's output excerpt is stored once, in its command.finished event (the log is
   * the record): the step row leaves it out (withoutFinishedOutputs) and it is read back here. A
   * record's end time is its event's time (run-reducer.ts), so step, index and time find it.
   * Rows written before migration 0010 still hold theirs, which equal their events'.
   */
  private restoreOutputs(runId: string, steps: RunDetail['steps']): void {
    const outputs = new Map<string, string>();
    for (const row of this.sql(
      `SELECT step_key, at, json_extract(payload, '$.index') AS command, json_extract(payload, '$.output') AS output
           FROM run_events WHERE run_id = ? AND type = 'command.finished'`,
    ).iterate(runId) as IterableIterator<{ step_key: string; at: string; command: number; output: string }>)
      outputs.set(outputKey(row.step_key, row.command, row.at), row.output);
    for (const step of steps)
      for (const attempt of step.attempts)
        for (const record of attempt.commands) {
          if (record.endedAt === null) continue;
          record.output = outputs.get(outputKey(step.key, record.index, record.endedAt)) ?? record.output;
        }
  }

  /**
   * A copy of one step (a state's or a report's) with its finished commands' outputs read from
   * their command.finished events, as restoreOutputs gives them (run_events_by_step finds them).
   */
  withOutputs<T extends OutputHolder>(runId: string, step: T): T {
    const outputs = new Map<string, string>();
    for (const row of this.sql(
      `SELECT at, json_extract(payload, '$.index') AS command, json_extract(payload, '$.output') AS output
           FROM run_events WHERE run_id = ? AND step_key = ? AND type = 'command.finished'`,
    ).iterate(runId, step.key) as IterableIterator<{ at: string; command: number; output: string }>)
      outputs.set(outputKey(step.key, row.command, row.at), row.output);
    if (outputs.size === 0) return step;
    const attempts = step.attempts.map((attempt) => ({
      ...attempt,
      commands: attempt.commands.map((record) => {
        if (record.endedAt === null) return record;
        const output = outputs.get(outputKey(step.key, record.index, record.endedAt));
        return output === undefined ? record : { ...record, output };
      }),
    }));
    return { ...step, attempts };
  }

  /** Notes are only ever added (run-reducer.ts): the ones after `known` are new. */
  private writeNotes(runId: string, known: number, after: RunDetail): void {
    if (after.notes.length <= known) return;
    const insert = this.sql(`INSERT INTO run_notes (run_id, seq, state_json) VALUES (?, ?, ?)`);
    for (const note of after.notes.slice(known)) insert.run(runId, note.seq, JSON.stringify(note));
  }

  events(runId: string, afterSeq = -1, limit = Number.MAX_SAFE_INTEGER): RunEvent[] {
    const rows = this.sql(`SELECT * FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`).all(
      runId,
      afterSeq,
      limit,
    ) as EventRow[];
    return rows.map(toEvent);
  }

  /**
   * Each event's canonical JSON (as eventHash and a report's bundle serialise it), oldest first,
   * one row at a time: the stored payload text is used as it is, since insert wrote it as
   * canonicalJson of the payload and the log is append-only (0003's triggers refuse UPDATE).
   * A report of a long run reads its whole log this way without parsing or holding it.
   */
  *canonicalEvents(runId: string): Generator<string> {
    for (const row of this.sql(`SELECT * FROM run_events WHERE run_id = ? ORDER BY seq`).iterate(
      runId,
    ) as IterableIterator<EventRow>)
      yield canonicalEventText(row);
  }

  /** The run's events of the given types, oldest first (a report's model reads a few types only). */
  eventsOfTypes(runId: string, types: readonly string[]): RunEvent[] {
    const marks = types.map(() => '?').join(', ');
    const rows = this.sql(
      `SELECT * FROM run_events WHERE run_id = ? AND type IN (${marks}) ORDER BY seq`,
    ).all(runId, ...types) as EventRow[];
    return rows.map(toEvent);
  }

  /** Seqs of a step's events of the given types, oldest first. */
  stepEventSeqs(
    runId: string,
    stepKey: string,
    types: readonly string[],
  ): Array<{ seq: number; type: string }> {
    const marks = types.map(() => '?').join(', ');
    return this.sql(
      `SELECT seq, type FROM run_events WHERE run_id = ? AND step_key = ? AND type IN (${marks}) ORDER BY seq`,
    ).all(runId, stepKey, ...types) as Array<{ seq: number; type: string }>;
  }

  /** Recomputes every hash and link, and checks the run row's head against the log. */
  verify(runId: string): Verification {
    const head = this.head(runId);
    let prevHash = genesisHash;
    let count = 0;
    for (const row of this.sql(`SELECT * FROM run_events WHERE run_id = ? ORDER BY seq`).iterate(
      runId,
    ) as IterableIterator<EventRow>) {
      const problem = rowProblem(row, count, prevHash);
      if (problem !== null)
        return { valid: false, events: head.count, headHash: head.hash, firstBadSeq: row.seq, problem };
      prevHash = row.hash;
      count += 1;
    }
    if (count !== head.count || prevHash !== head.hash) {
      return {
        valid: false,
        events: count,
        headHash: head.hash,
        firstBadSeq: count,
        problem: `the run records ${head.count} events ending in ${head.hash}, the log has ${count} ending in ${prevHash}`,
      };
    }
    return { valid: true, events: count, headHash: prevHash, firstBadSeq: null, problem: null };
  }

  private head(runId: string): { hash: string; count: number } {
    const row = this.sql(`SELECT head_hash, event_count FROM runs WHERE id = ?`).get(runId) as
      { head_hash: string; event_count: number } | undefined;
    if (row === undefined) throw new RpcError('not_found', `no run with id ${runId}`, 'params.id');
    return { hash: row.head_hash, count: row.event_count };
  }

  private insert(runId: string, event: RunEvent): void {
    this.sql(
      `INSERT INTO run_events (run_id, seq, at, type, actor, step_key, payload, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      runId,
      event.seq,
      event.at,
      event.type,
      event.actor,
      event.stepKey,
      canonicalJson(event.payload),
      event.prevHash,
      event.hash,
    );
  }
}

/** The hash of an event: SHA-256 hex over the canonical JSON of its fields and prevHash. */
export function eventHash(runId: string, event: Omit<RunEvent, 'hash'>): string {
  const body = canonicalJson({
    runId,
    seq: event.seq,
    at: event.at,
    type: event.type,
    actor: event.actor,
    stepKey: event.stepKey,
    payload: event.payload,
    prevHash: event.prevHash,
  });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

function seal(runId: string, seq: number, prevHash: string, draft: EventDraft): RunEvent {
  // The payload as it will read back from the database, so the hash verifies later.
  const payload = JSON.parse(JSON.stringify(draft.payload ?? null)) as unknown;
  const unsealed = {
    seq,
    at: new Date().toISOString(),
    type: draft.type,
    actor: draft.actor,
    stepKey: draft.stepKey,
    payload,
    prevHash,
  };
  return { ...unsealed, hash: eventHash(runId, unsealed) };
}

/** The run row's part of a state: its header (each step and note has a row of its own). */
function headerOf(state: RunDetail): Pick<RunDetail, 'run'> {
  return { run: state.run };
}

function outputKey(stepKey: string, command: number, at: string): string {
  return `${stepKey}\u0000${command}\u0000${at}`;
}

/**
 * JSON.stringify's replacer for a step row: a finished command record's `output` is written
 * empty (its command.finished event holds it; EventLog.restoreOutputs reads it back).
 */
function withoutFinishedOutputs(this: unknown, key: string, value: unknown): unknown {
  if (key !== 'output' || typeof this !== 'object' || this === null) return value;
  const holder = this as { endedAt?: unknown; index?: unknown };
  return typeof holder.endedAt === 'string' && typeof holder.index === 'number' ? '' : value;
}

function rowProblem(row: EventRow, expectedSeq: number, prevHash: string): string | null {
  if (row.seq !== expectedSeq) return `event ${expectedSeq} is missing (found ${row.seq})`;
  if (row.prev_hash !== prevHash) return `event ${row.seq} does not link to the event before it`;
  let event: RunEvent;
  try {
    event = toEvent(row);
  } catch {
    return `event ${row.seq} has a payload that is not JSON`;
  }
  if (eventHash(row.run_id, event) !== row.hash) return `event ${row.seq} does not match its hash`;
  return null;
}

/** canonicalJson(toEvent(row)) without parsing the payload: its keys in canonical (sorted) order. */
function canonicalEventText(row: EventRow): string {
  const json = JSON.stringify;
  return (
    `{"actor":${json(row.actor)},"at":${json(row.at)},"hash":${json(row.hash)},"payload":${row.payload},` +
    `"prevHash":${json(row.prev_hash)},"seq":${json(row.seq)},"stepKey":${json(row.step_key)},"type":${json(row.type)}}`
  );
}

function toEvent(row: EventRow): RunEvent {
  return {
    seq: row.seq,
    at: row.at,
    type: row.type,
    actor: row.actor,
    stepKey: row.step_key,
    payload: JSON.parse(row.payload) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
