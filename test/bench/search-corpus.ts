import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Database } from 'better-sqlite3';
import type { RunDetail } from '../../shared/contract/index';
import { runbook, type Runbook } from '../../shared/runbook/index';
import { EnvironmentRepository } from '../../electron/host/environments/environment-repository';
import { maxStoredOutputChars } from '../../electron/host/run/command-runner';
import { EventLog } from '../../electron/host/run/event-log';
import { draft, hostActor, type EventDraft } from '../../electron/host/run/run-event-types';
import { initialState } from '../../electron/host/run/run-initial-state';
import { applyEvents } from '../../electron/host/run/run-reducer';
import { serializeRunbook } from '../../electron/host/runbook/index';
import { openDatabase } from '../../electron/host/store/database';
import { RunbookRepository } from '../../electron/host/store/runbook-repository';
import { PlainTextStream, toPlainText } from '../../electron/host/terminal/plain-text';
import { decodeChunk } from '../../electron/host/terminal/transcript/chunk-codec';
import { TranscriptStore } from '../../electron/host/terminal/transcript/transcript-store';
import {
  commitIntervalMs,
  type TranscriptWriter,
} from '../../electron/host/terminal/transcript/transcript-writer';
import { kollaOutput } from './kolla-output';

/**
 * The recorded clock of the feed: one pty read of at most 4 KiB every 2 ms, a sustained ~2 MB/s
 * flood, about the rate the whole host pipeline records at here under load (recording-overhead).
 * With the writer's own rules (reads within 10 ms merge, a commit 50 ms after the first pending
 * read) that makes chunks of about 24 KiB and commits of about 100 KiB.
 */
const readIntervalMs = 2;
const operator = 'Ada';
/** The step (by index) whose command prints the rare word in the rare runs. */
export const rareStep = 2;

/** Time spent writing one session, through the real writer and through the baseline. */
export interface SessionTiming {
  lines: number;
  bytes: number;
  /**
   * TranscriptWriter.append + flush on the host thread: terminal_chunks, and the message that
   * tells the index worker (which makes terminal_text on its own thread).
   */
  indexedMs: number;
  /** From the session's last byte stored to the index worker holding all of it. */
  lagMs: number;
  /** The same chunks in the same transactions, terminal_chunks only. */
  storedMs: number;
  /** What the writer's escape stripping alone costs on the session's chunks (decoder + PlainTextStream). */
  strippingMs: number;
}

export interface CorpusShape {
  runs: number;
  stepsPerRun: number;
  linesPerCommand: number;
  /** Runs (by index) whose step `rareStep` prints the rare word once. */
  rareRuns: readonly number[];
}

/**
 * Two real SQLite files opened as the host opens them (migrations applied, WAL, synchronous=FULL):
 * `db` gets runs through the real event log (hash chain, reducer, triggers that link sessions and
 * commands to runs and steps) and their transcripts through the real TranscriptWriter; `plainDb`
 * gets the very chunks the writer stored, in the same transactions, without terminal_text.
 */
export class SearchCorpus {
  readonly db: Database;
  readonly plainDb: Database;
  private readonly store: TranscriptStore;
  private readonly plainStore: TranscriptStore;
  private readonly log: EventLog;
  private readonly model: Runbook;
  private readonly runbookId: string;
  private readonly environment: RunDetail['run']['environment'];

  constructor(
    dir: string,
    private readonly shape: CorpusShape,
  ) {
    this.db = openDatabase(join(dir, 'handrail.db'));
    this.plainDb = openDatabase(join(dir, 'baseline.db'));
    this.store = new TranscriptStore(this.db);
    this.plainStore = new TranscriptStore(this.plainDb);
    this.log = new EventLog(this.db);
    this.model = upgradeRunbook(shape.stepsPerRun);
    const source = serializeRunbook(this.model);
    this.runbookId = new RunbookRepository(this.db).create({
      title: this.model.title,
      description: '',
      source,
    }).id;
    const environment = new EnvironmentRepository(this.db).create({
      name: 'prod-west',
      kind: 'production',
      colour: '#336699',
      description: '',
      controlHost: { kind: 'local' },
      variables: {},
      secretNames: [],
    });
    this.environment = {
      id: environment.id,
      name: environment.name,
      kind: environment.kind,
      colour: environment.colour,
      controlHost: environment.controlHost,
    };
  }

  /** One run: its session, each step's command and output, then run.finished. */
  async run(index: number): Promise<SessionTiming> {
    const runId = `run-${String(index).padStart(3, '0')}`;
    const sessionId = `session-${String(index).padStart(3, '0')}`;
    let state = this.createRun(runId);
    const append = (drafts: EventDraft[]): void => {
      state = this.log.append(runId, state, drafts, applyEvents).state;
    };
    const session = {
      id: sessionId,
      kind: 'local' as const,
      title: `run ${runId}`,
      profile: '{}',
      cols: 120,
      rows: 40,
      startedAt: new Date().toISOString(),
    };
    this.store.createSession(session);
    this.plainStore.createSession(session);
    append([draft('terminal.opened', operator, null, { terminalId: sessionId })]);
    const feed = new Feed(this.store.writer(sessionId, rethrow), this.db, this.plainDb, sessionId);
    const steps = state.steps.map((step) => step.key);
    steps.forEach((stepKey, stepIndex) => {
      const text = state.steps[stepIndex]?.commands[0]?.text ?? stepKey;
      feed.read(Buffer.from(`$ ${text}\r\n`));
      const outputStart = feed.bytes;
      const rare = stepIndex === rareStep && this.shape.rareRuns.includes(index);
      const output = kollaOutput({
        seed: index * 1000 + stepIndex + 1,
        lines: this.shape.linesPerCommand,
        rareLines: rare ? [Math.floor(this.shape.linesPerCommand / 2)] : [],
      });
      for (const read of output.reads) feed.read(read);
      const outputEnd = feed.bytes;
      feed.read(Buffer.from('$ '));
      this.commandRecorded(sessionId, stepIndex + 1, text, outputStart, outputEnd);
      append([
        draft('step.started', operator, stepKey, { attempt: 1 }),
        draft('command.sent', operator, stepKey, { index: 0, text, terminalId: sessionId }),
        draft('command.finished', hostActor, stepKey, finishedPayload(output.reads, stepIndex + 1)),
        draft('step.succeeded', hostActor, stepKey, { override: false }),
      ]);
    });
    feed.close();
    const closed = performance.now();
    if (!(await this.store.indexer.caughtUp(600_000)))
      throw new Error(`search: the index did not catch up with ${sessionId} in 10 minutes`);
    const lagMs = performance.now() - closed;
    const timing = { ...feed.timing(), lagMs, strippingMs: this.strippingMs(sessionId) };
    const now = new Date().toISOString();
    this.store.endSession(sessionId, { endedAt: now, exitCode: 0, complete: true });
    this.plainStore.endSession(sessionId, { endedAt: now, exitCode: 0, complete: true });
    append([draft('run.finished', operator, null, {})]);
    return timing;
  }

  /** Runs whose event log does not verify (hash chain), by id; none is expected. */
  brokenRuns(): string[] {
    const ids = this.db.prepare('SELECT id FROM runs').pluck().all() as string[];
    return ids.filter((id) => !this.log.verify(id).valid);
  }

  /** The step keys of every run, in order. */
  get stepKeys(): string[] {
    return this.model.phases.flatMap((phase) => phase.steps.map((step) => step.id));
  }

  close(): void {
    void this.store.indexer.close();
    if (this.db.open) this.db.close();
    if (this.plainDb.open) this.plainDb.close();
  }

  /**
   * The stored chunks through what the writer does to make them text (StringDecoder,
   * PlainTextStream, the blank check), one chunk at a time as the writer does, so its share of
   * the indexing time can be shown.
   */
  private strippingMs(sessionId: string): number {
    const chunks = this.db
      .prepare('SELECT data, encoding FROM terminal_chunks WHERE session_id = ? ORDER BY seq')
      .all(sessionId) as Array<{ data: Buffer; encoding: number }>;
    const decoder = new StringDecoder('utf8');
    const plain = new PlainTextStream();
    let blank = 0;
    const started = performance.now();
    for (const chunk of chunks)
      if (plain.push(decoder.write(decodeChunk(chunk.data, chunk.encoding))).trim() === '') blank++;
    const elapsed = performance.now() - started;
    if (blank === chunks.length) throw new Error(`search: session ${sessionId} has no text`);
    return elapsed;
  }

  private createRun(runId: string): RunDetail {
    return this.log.create(
      { id: runId, runbookId: this.runbookId, revision: 1, environmentId: this.environment.id },
      draft('run.created', operator, null, {
        runbookId: this.runbookId,
        revision: 1,
        runbookTitle: this.model.title,
        environment: this.environment,
        mode: 'live',
        operator,
        variables: {},
        secretNames: [],
      }),
      (created) => initialState(this.model, runId, created),
    );
  }

  /** terminal_commands as the shell integration records a finished command. */
  private commandRecorded(sessionId: string, seq: number, text: string, start: number, end: number): void {
    const now = new Date().toISOString();
    this.store.saveCommand(sessionId, {
      seq,
      text,
      startedAt: now,
      endedAt: now,
      exitCode: 0,
      outcome: 'finished',
      outputStart: start,
      outputEnd: end,
    });
  }
}

/**
 * Feeds a session's reads to the writer on the recorded clock, flushing where the writer's 50 ms
 * timer would have, and after each commit copies the rows it wrote to the baseline database
 * (untimed read) and stores them there in one transaction (timed).
 */
class Feed {
  bytes = 0;
  private lines = 0;
  private clockMs = 0;
  private firstPendingMs: number | undefined;
  private indexedMs = 0;
  private storedMs = 0;
  private copiedSeq = 0;
  private readonly written;
  private readonly insertPlain;

  constructor(
    private readonly writer: TranscriptWriter,
    db: Database,
    plainDb: Database,
    private readonly sessionId: string,
  ) {
    this.written = db.prepare(
      'SELECT seq, byte_offset, at_ms, data, encoding, bytes FROM terminal_chunks WHERE session_id = ? AND seq > ? ORDER BY seq',
    );
    const insert = plainDb.prepare(
      'INSERT INTO terminal_chunks (session_id, seq, byte_offset, at_ms, data, encoding, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertPlain = plainDb.transaction((rows: ChunkRow[]) => {
      for (const row of rows)
        insert.run(this.sessionId, row.seq, row.byte_offset, row.at_ms, row.data, row.encoding, row.bytes);
    });
  }

  read(data: Buffer): void {
    if (this.firstPendingMs !== undefined && this.clockMs - this.firstPendingMs >= commitIntervalMs)
      this.commit();
    this.firstPendingMs ??= this.clockMs;
    const started = performance.now();
    this.writer.append(data, this.clockMs);
    this.indexedMs += performance.now() - started;
    this.bytes += data.length;
    this.lines += countLines(data);
    this.clockMs += readIntervalMs;
  }

  close(): void {
    this.commit();
    this.writer.close();
  }

  timing(): Omit<SessionTiming, 'strippingMs' | 'lagMs'> {
    return { lines: this.lines, bytes: this.bytes, indexedMs: this.indexedMs, storedMs: this.storedMs };
  }

  private commit(): void {
    let started = performance.now();
    this.writer.flush();
    this.indexedMs += performance.now() - started;
    this.firstPendingMs = undefined;
    const rows = this.written.all(this.sessionId, this.copiedSeq) as ChunkRow[];
    if (rows.length === 0) return;
    this.copiedSeq = rows.at(-1)!.seq;
    started = performance.now();
    this.insertPlain(rows);
    this.storedMs += performance.now() - started;
  }
}

interface ChunkRow {
  seq: number;
  byte_offset: number;
  at_ms: number;
  data: Buffer;
  encoding: number;
  bytes: number | null;
}

function countLines(data: Buffer): number {
  let count = 0;
  for (let at = data.indexOf(0x0a); at !== -1; at = data.indexOf(0x0a, at + 1)) count++;
  return count;
}

/** command.finished as the run engine writes it: the plain output's last 64 K characters. */
function finishedPayload(reads: Buffer[], terminalSeq: number) {
  const plain = toPlainText(Buffer.concat(reads).toString('utf8').replace(/\r\n?/g, '\n'));
  const output = plain.slice(-maxStoredOutputChars);
  return {
    index: 0,
    exitCode: 0,
    outcome: 'finished' as const,
    output,
    outputTruncated: output.length < plain.length,
    terminalSeq,
    problems: [],
  };
}

/** A Kolla upgrade runbook: one step per service, each one `kolla-ansible upgrade` command. */
function upgradeRunbook(steps: number): Runbook {
  const services = ['keystone', 'glance', 'nova', 'neutron', 'cinder', 'heat', 'horizon', 'octavia'];
  return runbook.parse({
    title: 'Kolla-Ansible upgrade 2023.2 to 2024.1',
    phases: [
      {
        title: 'Upgrade the services',
        steps: Array.from({ length: steps }, (_, index) => {
          const service = `${services[index % services.length]!}${index < services.length ? '' : `-${index}`}`;
          return {
            id: `upgrade-${service}`,
            title: `Upgrade ${service}`,
            kind: 'command',
            commands: [{ text: `kolla-ansible -i multinode upgrade --tags ${service.split('-')[0]!}` }],
          };
        }),
      },
    ],
  });
}

function rethrow(error: unknown): never {
  throw error;
}
