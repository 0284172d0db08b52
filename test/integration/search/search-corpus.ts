import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Database } from 'better-sqlite3';
import type { RunDetail, RunStatus } from '../../../shared/contract/index';
import { runbook, type Runbook } from '../../../shared/runbook/index';
import { EnvironmentRepository } from '../../../electron/host/environments/environment-repository';
import { serializeRunbook } from '../../../electron/host/runbook/index';
import { EventLog } from '../../../electron/host/run/event-log';
import { draft, hostActor, type EventDraft } from '../../../electron/host/run/run-event-types';
import { initialState } from '../../../electron/host/run/run-initial-state';
import { applyEvents } from '../../../electron/host/run/run-reducer';
import { openDatabase } from '../../../electron/host/store/database';
import type { Migration } from '../../../electron/host/store/migration';
import { RunbookRepository } from '../../../electron/host/store/runbook-repository';
import { PlainTextStream } from '../../../electron/host/terminal/plain-text';
import { decodeChunk } from '../../../electron/host/terminal/transcript/chunk-codec';
import { TranscriptStore } from '../../../electron/host/terminal/transcript/transcript-store';
import { makeTempDir } from '../../support/temp-dir';

/** What a generated run looks like, to assert search results against. */
export interface CorpusRun {
  id: string;
  runbookId: string;
  environmentId: string;
  operators: string[];
  status: RunStatus;
  day: string;
  notes: Array<{ stepKey: string | null; text: string }>;
  /** Set when the run has a transcript: its session and what each step's command printed. */
  session?: { id: string; outputs: Record<string, { text: string; atMs: number }> };
}

export interface Corpus {
  db: Database;
  runbooks: { kolla: string; ceph: string };
  environments: { prod: string; lab: string; training: string };
  runs: CorpusRun[];
  close(): void;
}

const steps = ['precheck', 'upgrade-db', 'verify'] as const;

function corpusRunbook(title: string, body: string): Runbook {
  return runbook.parse({
    title,
    phases: [
      {
        title: 'Upgrade',
        steps: [
          { id: 'precheck', title: 'Pre-checks', kind: 'command', commands: [{ text: 'echo precheck' }] },
          {
            id: 'upgrade-db',
            title: 'Upgrade the database',
            kind: 'command',
            text: body,
            commands: [{ text: 'echo db' }],
          },
          { id: 'verify', title: 'Verify', kind: 'check', commands: [{ text: 'echo ok' }] },
        ],
      },
    ],
  });
}

/**
 * Writes runs straight through the real event log (hash chain, reducer, state) and transcripts
 * through the real transcript store, with the wall clock set per run so the runs span days. The
 * migration's triggers index everything as it is written, exactly as in the app.
 */
export class CorpusBuilder {
  readonly dir = makeTempDir('handrail-search-');
  readonly file = join(this.dir.path, 'handrail.db');
  readonly db: Database;
  readonly library: RunbookRepository;
  private readonly log: EventLog;
  private readonly transcripts: TranscriptStore;
  private readonly environmentRepository: EnvironmentRepository;
  private readonly parsed = new Map<string, Runbook>();

  /**
   * Before migration 0012 the recorder indexed each chunk as it stored it; since, a worker does
   * (transcript-indexer.ts). An older schema gets its index rows as the recorder of its day wrote them.
   */
  private readonly indexesInline: boolean;

  /** `migrations`: an older schema, to test what a later migration does with existing rows. */
  constructor(migrations?: readonly Migration[]) {
    this.db = openDatabase(this.file, migrations === undefined ? {} : { migrations });
    this.indexesInline = migrations !== undefined && !migrations.some((migration) => migration.version >= 12);
    if (migrations !== undefined && !migrations.some((migration) => migration.version >= 10)) {
      // Today's EventLog writes steps and notes to rows of their own (migration 0010). Before
      // that schema they go to temporary tables, gone when the builder closes the database: the
      // older migrations under test read run_events and the transcripts, not the steps.
      this.db.exec(`
        CREATE TEMP TABLE run_steps (run_id TEXT, step_key TEXT, position INTEGER, host_step INTEGER,
          status TEXT, title TEXT, state_json TEXT, PRIMARY KEY (run_id, step_key));
        CREATE TEMP TABLE run_notes (run_id TEXT, seq INTEGER, state_json TEXT, PRIMARY KEY (run_id, seq));
      `);
    }
    if (migrations !== undefined && !migrations.some((migration) => migration.version >= 14)) {
      // Today's writer stores chunks compressed with their encoding (migration 0014). Before that
      // schema a temporary view takes its rows and stores them raw, as the code then did.
      this.db.function('raw_chunk', (data, encoding) => decodeChunk(data as Buffer, encoding as number));
      this.db.exec(`
        CREATE TEMP VIEW terminal_chunks AS
          SELECT session_id, seq, byte_offset, at_ms, data, 0 AS encoding, NULL AS bytes FROM main.terminal_chunks;
        CREATE TEMP TRIGGER terminal_chunks_raw INSTEAD OF INSERT ON terminal_chunks BEGIN
          INSERT INTO main.terminal_chunks (session_id, seq, byte_offset, at_ms, data)
            VALUES (NEW.session_id, NEW.seq, NEW.byte_offset, NEW.at_ms, raw_chunk(NEW.data, NEW.encoding));
        END;
      `);
    }
    this.library = new RunbookRepository(this.db);
    this.log = new EventLog(this.db);
    this.transcripts = new TranscriptStore(this.db, (error) => console.error('transcript index:', error));
    this.environmentRepository = new EnvironmentRepository(this.db);
  }

  runbook(title: string, body: string): string {
    const model = corpusRunbook(title, body);
    const created = this.library.create({ title, description: '', source: serializeRunbook(model) });
    this.parsed.set(created.id, model);
    return created.id;
  }

  environment(name: string, kind: 'production' | 'test' | 'training'): string {
    return this.environmentRepository.create({
      name,
      kind,
      colour: '#336699',
      description: '',
      controlHost: { kind: 'local' },
      variables: {},
      secretNames: [],
    }).id;
  }

  /** A run with its notes, step outcomes, an optional handover and an optional transcript. */
  run(spec: Omit<CorpusRun, 'id' | 'session'> & { transcript?: Record<string, string> }): CorpusRun {
    const runbookId = spec.runbookId;
    const model = this.parsed.get(runbookId) as Runbook;
    const environment = this.environmentRepository.get(spec.environmentId);
    const id = randomUUID();
    const [operator = 'Ada', ...others] = spec.operators;
    let state: RunDetail = this.log.create(
      { id, runbookId, revision: 1, environmentId: environment.id },
      draft('run.created', operator, null, {
        runbookId,
        revision: 1,
        runbookTitle: model.title,
        environment: {
          id: environment.id,
          name: environment.name,
          kind: environment.kind,
          colour: environment.colour,
          controlHost: environment.controlHost,
        },
        mode: 'live',
        operator,
        variables: {},
        secretNames: [],
      }),
      (created) => initialState(model, id, created),
    );
    const append = (drafts: EventDraft[]) => {
      state = this.log.append(id, state, drafts, applyEvents).state;
    };
    const run: CorpusRun = { ...spec, id };
    if (spec.transcript !== undefined) run.session = this.transcript(id, operator, spec.transcript, append);
    for (const name of others) append([draft('run.handover', operator, null, { from: operator, to: name })]);
    for (const note of spec.notes) append([draft('note.added', operator, note.stepKey, { text: note.text })]);
    if (spec.status === 'completed') {
      for (const step of steps) {
        if (state.steps.find((s) => s.key === step)?.status === 'pending')
          append([draft('step.skipped', operator, step, { reason: 'done by hand' })]);
      }
      append([draft('run.finished', operator, null, {})]);
    } else if (spec.status === 'aborted')
      append([draft('run.aborted', operator, null, { reason: 'rolled back' })]);
    return run;
  }

  /** A terminal session whose commands print the given text per step, 1 s apart. */
  private transcript(
    runId: string,
    operator: string,
    outputs: Record<string, string>,
    append: (drafts: EventDraft[]) => void,
  ): NonNullable<CorpusRun['session']> {
    const sessionId = randomUUID();
    this.transcripts.createSession({
      id: sessionId,
      kind: 'local',
      title: `run ${runId}`,
      profile: '{}',
      cols: 80,
      rows: 24,
      startedAt: new Date().toISOString(),
    });
    append([draft('terminal.opened', operator, null, { terminalId: sessionId })]);
    const writer = this.transcripts.writer(sessionId, (error) => {
      throw error;
    });
    const placed: NonNullable<CorpusRun['session']>['outputs'] = {};
    writer.append(Buffer.from('$ '), 0);
    let seq = 0;
    for (const [stepKey, text] of Object.entries(outputs)) {
      seq += 1;
      const atMs = seq * 1000;
      const echo = Buffer.from(`run ${stepKey}\r\n`);
      writer.append(echo, atMs - 500);
      writer.flush();
      const outputStart = writer.bytesWritten;
      writer.append(Buffer.from(`${text}\r\n`), atMs);
      writer.flush();
      const outputEnd = writer.bytesWritten;
      writer.append(Buffer.from('$ '), atMs + 10);
      writer.flush();
      const now = new Date().toISOString();
      this.transcripts.saveCommand(sessionId, {
        seq,
        text: `run ${stepKey}`,
        startedAt: now,
        endedAt: now,
        exitCode: 0,
        outcome: 'finished',
        outputStart,
        outputEnd,
      });
      append([
        draft('step.started', operator, stepKey, { attempt: 1 }),
        draft('command.sent', operator, stepKey, { index: 0, text: `run ${stepKey}`, terminalId: sessionId }),
        draft('command.finished', hostActor, stepKey, {
          index: 0,
          exitCode: 0,
          outcome: 'finished',
          output: text,
          outputTruncated: false,
          terminalSeq: seq,
          problems: [],
        }),
        draft('step.succeeded', hostActor, stepKey, { override: false }),
      ]);
      placed[stepKey] = { text, atMs };
    }
    writer.close();
    if (this.indexesInline) this.indexAsBefore(sessionId);
    this.transcripts.endSession(sessionId, {
      endedAt: new Date().toISOString(),
      exitCode: 0,
      complete: true,
    });
    return { id: sessionId, outputs: placed };
  }

  /**
   * Resolves once the search index holds every transcript written: it is made off the stream, by
   * a worker thread, after the chunks are stored.
   */
  async indexed(): Promise<void> {
    if (!(await this.transcripts.indexer.caughtUp(30_000)))
      throw new Error('the transcript index did not catch up within 30 s');
  }

  /** The index rows the recorder wrote with each chunk before migration 0012: one stream per session. */
  private indexAsBefore(sessionId: string): void {
    const decoder = new StringDecoder('utf8');
    const plain = new PlainTextStream();
    const insert = this.db.prepare('INSERT INTO terminal_text (text, session_id, seq) VALUES (?, ?, ?)');
    for (const row of this.db
      .prepare('SELECT seq, data, encoding FROM terminal_chunks WHERE session_id = ? ORDER BY seq')
      .all(sessionId) as Array<{ seq: number; data: Buffer; encoding: number }>) {
      const text = plain.push(decoder.write(decodeChunk(row.data, row.encoding)));
      if (text.trim() !== '') insert.run(text, sessionId, row.seq);
    }
  }

  /** Closes the database, keeping the folder (to open the file again). */
  closeDatabase(): void {
    void this.transcripts.indexer.close();
    this.db.close();
  }

  close(): void {
    void this.transcripts.indexer.close();
    if (this.db.open) this.db.close();
    this.dir.remove();
  }
}
