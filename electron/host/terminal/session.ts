import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { RpcError } from '../../../shared/contract/index';
import { FlowController } from './flow-control';
import { spawnWrapped, type PtyProcess } from './pty-process';
import { splitCommands, type ShellCommand } from './shell-integration/command-split';
import { CommandTracker, type TrackedCommand } from './shell-integration/command-tracker';
import { localLaunch, shellKind, type ShellKind } from './shell-integration/integration-scripts';
import { handNonceOver, type NonceFiles } from './shell-integration/nonce-handoff';
import { MarkParser, type MarkLetter } from './shell-integration/mark-parser';
import { loaderLine, requestedShell, scriptInput } from './shell-integration/remote-injection';
import { endInput, partInput, requireTypable, runnerLine } from './shell-integration/runner-input';
import { SnapshotReader, type ShellSnapshot } from './shell-integration/shell-snapshot';
import { awaitMaster, awaitQuiet } from './ssh/connect-watch';
import { SshControl } from './ssh/ssh-control';
import { interactiveArgs } from './ssh/ssh-profile';
import { SecretMasker } from './transcript/secret-masker';
import type { TranscriptStore } from './transcript/transcript-store';
import type { TranscriptWriter } from './transcript/transcript-writer';
import {
  maxRunOutputBytes,
  type IntegrationState,
  type RunOptions,
  type RunOutcome,
  type SessionSink,
  type SessionSnapshot,
  type SessionSpec,
  type SessionStatus,
} from './session-types';

/**
 * How long to wait for the first prompt mark before saying "no exit codes here". Generous: a
 * slow login (motd, rc files over a slow link) must not be mistaken for a shell without marks.
 */
export const integrationTimeoutMs = 15_000;
/** Commands that start another shell the integration does not reach. */
const nestedShell =
  /^\s*(sudo\s+(-\S*[is]\b|su\b|bash\b|sh\b|-u\s+\S+\s+-\S*[is]\b)|su(\s|$)|exec\s|ssh\s|docker\s+exec\s|kubectl\s+exec\s)/;

interface PendingRun {
  /** The commands the block was cut into, and the next one to send. */
  planned: ShellCommand[];
  next: number;
  /** The host decided not to send more (a command did not pass). */
  stop: boolean;
  /** The runner's line is still to be typed (typed-ahead text would echo before B). */
  typing: boolean;
  parts: TrackedCommand[];
  options: RunOptions;
  /** The session's count of refused marks when the block was asked for. */
  refusedMarksBefore: number;
  resolve(outcome: RunOutcome): void;
}

/** One terminal: a pty running a local shell or ssh, its marks, commands and transcript. */
export class TerminalSession {
  private pty: PtyProcess | undefined;
  private parser: MarkParser;
  /** Marks refused (wrong or missing nonce) by the parsers of earlier starts of this session. */
  private refusedBefore = 0;
  private readonly tracker: CommandTracker;
  private readonly masker = new SecretMasker();
  private readonly writer: TranscriptWriter;
  private readonly flow: FlowController;
  private readonly decoder = new StringDecoder('utf8');
  private readonly nonce = randomBytes(16).toString('hex');
  /** The files the pty's processes read the nonce from; removed when the pty ends. */
  private nonceFiles: NonceFiles | undefined;
  private readonly startMs = Date.now();
  private offset = 0;
  private status: SessionStatus = 'connecting';
  private integration: IntegrationState = 'pending';
  private exitCode: number | null = null;
  private ended = true;
  private hiding: string | undefined;
  private lastOutputAt = 0;
  private integrationTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingRun: PendingRun | undefined;
  private closed = false;
  private shell: ShellKind | undefined;
  private readonly snapshots = new SnapshotReader();
  private lastSnapshot: ShellSnapshot | undefined;
  /** Command records a failed write did not store, by seq: stored again when writes work. */
  private readonly unsaved = new Map<number, TrackedCommand>();

  constructor(
    readonly spec: SessionSpec,
    private readonly store: TranscriptStore,
    private readonly sink: SessionSink,
    private readonly log: (message: string, error?: unknown) => void = () => {},
  ) {
    this.parser = new MarkParser(this.nonce);
    this.masker.add(spec.secrets);
    this.tracker = new CommandTracker({
      promptShown: () => this.promptShown(),
      inputReady: () => this.startQueuedRun(),
      commandStarted: (command) => this.commandStarted(command),
      commandFinished: (command) => this.commandFinished(command),
      runnerEnded: (exitCode) => this.runnerEnded(exitCode),
    });
    this.flow = new FlowController({
      send: (text) => this.sink.data(text),
      pause: () => this.pty?.pause(),
      resume: () => this.pty?.resume(),
    });
    store.createSession({
      id: spec.id,
      kind: spec.target.kind,
      title: spec.title,
      profile: JSON.stringify(spec.target),
      cols: spec.cols,
      rows: spec.rows,
      startedAt: new Date(this.startMs).toISOString(),
    });
    this.writer = store.writer(
      spec.id,
      (error) => this.log(`transcript of ${spec.id}: write failed`, error),
      {
        heldBytesLimit: spec.heldBytesLimit,
        onReport: (report) => {
          if (report.state === 'recovered') this.saveUnsaved();
          this.sink.recording?.({ id: spec.id, ...report });
        },
      },
    );
  }

  get id(): string {
    return this.spec.id;
  }

  /** Bytes of output the transcript has taken so far: where the next output will start in it. */
  get recordedBytes(): number {
    return this.writer.bytesWritten;
  }

  /** When the session started (ms since the epoch); command times are relative to it. */
  get startedAtMs(): number {
    return this.startMs;
  }

  get commands(): readonly TrackedCommand[] {
    return this.tracker.commands;
  }

  /** The shell's kind (from its launch or the loader's request), once known. */
  get shellKind(): ShellKind | undefined {
    return this.shell;
  }

  /** Where the shell stood at its last prompt: folder and exported variables (undefined before). */
  get snapshotOfShell(): ShellSnapshot | undefined {
    return this.lastSnapshot;
  }

  snapshot(): SessionSnapshot {
    return {
      id: this.spec.id,
      kind: this.spec.target.kind,
      title: this.spec.title,
      status: this.status,
      integration: this.integration,
      exitCode: this.exitCode,
      runId: this.spec.runId ?? null,
    };
  }

  /**
   * Shell-integration marks this session refused: a wrong or missing nonce (issue 19). Nothing
   * Handrail runs prints one, so each is something in the session trying to write the record.
   */
  get refusedMarks(): number {
    return this.refusedBefore + this.parser.rejected;
  }

  /** Starts the process; again after a drop or exit (reconnect), continuing the same transcript. */
  start(): void {
    if (!this.ended || this.closed) throw new RpcError('conflict', `terminal ${this.id} is already running`);
    this.ended = false;
    this.refusedBefore += this.parser.rejected;
    this.parser = new MarkParser(this.nonce);
    this.tracker.reset();
    this.exitCode = null;
    this.lastSnapshot = undefined;
    const target = this.spec.target;
    const env = { ...this.spec.env };
    let file: string;
    let args: string[];
    let kind = undefined as ReturnType<typeof shellKind>;
    this.nonceFiles?.dispose();
    const nonceFiles = handNonceOver(
      this.nonce,
      target.kind === 'local' && shellKind(target.shell) !== undefined,
    );
    this.nonceFiles = nonceFiles;
    if (target.kind === 'local') {
      file = target.shell;
      kind = shellKind(target.shell);
      this.shell = kind;
      const shellFile = nonceFiles.shellFile;
      const launch =
        kind === undefined || shellFile === undefined
          ? { args: [], env: {} }
          : localLaunch(kind, shellFile, env);
      args = [...launch.args, ...(target.args ?? [])];
      Object.assign(env, launch.env);
    } else {
      file = 'ssh';
      args = interactiveArgs(target.profile, this.spec.controlDir);
    }
    const pty = spawnWrapped({
      file,
      args,
      env,
      cwd: this.spec.cwd,
      cols: this.spec.cols,
      rows: this.spec.rows,
      nonceFile: nonceFiles.exitFile,
      wrapped: this.spec.drainTail !== false,
    });
    this.pty = pty;
    pty.onData((data) => {
      if (this.pty === pty) this.receive(data);
    });
    pty.onClose((code) => {
      if (this.pty === pty) this.finish(code, false);
    });
    if (target.kind === 'local') {
      this.setState('connected', kind === undefined ? 'absent' : 'pending');
      if (kind !== undefined) this.expectPrompt();
    } else {
      this.status = 'connecting';
      this.integration = 'pending';
      this.sink.state(this.snapshot());
      void this.connectWatch(pty);
    }
  }

  write(input: string): void {
    if (!this.ended) this.pty?.write(input);
  }

  /** The terminal's new size; recorded in the transcript, so a replay draws at each width. */
  resize(cols: number, rows: number): void {
    if (cols === this.spec.cols && rows === this.spec.rows) return;
    this.spec.cols = cols;
    this.spec.rows = rows;
    if (!this.ended) this.pty?.resize(cols, rows);
    if (this.spec.record === false || this.closed) return;
    try {
      this.store.saveResize(this.id, { offset: this.offset, atMs: Date.now() - this.startMs, cols, rows });
    } catch (error) {
      // A replay then draws this stretch at the earlier size; the output itself is not lost.
      this.log(`transcript of ${this.id}: the resize to ${cols}x${rows} was not stored`, error);
    }
  }

  /**
   * What a view that attaches now is shown first (the end of the stored transcript, then what
   * the masker still holds), so that with the output from now on it has everything. Output that
   * was batched for the previous view is sent to it first.
   */
  recentOutput(maxBytes: number): {
    data: Buffer;
    cols: number;
    rows: number;
    resizes: Array<{ offset: number; cols: number; rows: number }>;
  } {
    this.flow.flush();
    this.writer.flush();
    const tail = this.store.tail(this.id, maxBytes);
    const held = this.masker.heldBack;
    const data = Buffer.concat([tail?.data ?? Buffer.alloc(0), held]);
    const start = this.offset - data.length;
    return {
      data,
      cols: tail?.cols ?? this.spec.cols,
      rows: tail?.rows ?? this.spec.rows,
      resizes: (tail?.resizes ?? []).map((resize) => ({
        offset: resize.offset - start,
        cols: resize.cols,
        rows: resize.rows,
      })),
    };
  }

  ack(chars: number): void {
    this.flow.ack(chars);
  }

  /** Nobody shows this terminal now: do not hold the program back for acknowledgements. */
  detached(): void {
    this.flow.reset();
  }

  addSecrets(values: readonly string[]): void {
    this.masker.add(values);
  }

  /**
   * Runs a block in the shell itself (docs/terminals.md, "Running a step"): it is cut into the
   * commands the shell would run one at a time, and the runner in the shell integration runs
   * each after the one before was accepted (by default: exit code 0), so `cd`, `export` and
   * `source` carry on and every command's exit code is recorded. Resolves when the block ended.
   */
  run(command: string, options: RunOptions = {}): Promise<RunOutcome> {
    if (this.ended) throw new RpcError('conflict', `terminal ${this.id} is not running`);
    if (this.integration !== 'active')
      throw new RpcError('conflict', `terminal ${this.id} has no shell integration: no exit codes here`);
    if (this.pendingRun !== undefined || this.tracker.running !== undefined)
      throw new RpcError('conflict', `terminal ${this.id} is busy: a command is running`);
    const text = command.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
    requireTypable(text);
    const planned = splitCommands(text);
    if (planned.length === 0)
      throw new RpcError('invalid_params', 'the command is empty (comments only)', 'params.command');
    return new Promise((resolve) => {
      const refusedMarksBefore = this.refusedMarks;
      this.pendingRun = {
        planned,
        next: 0,
        stop: false,
        typing: true,
        parts: [],
        options,
        refusedMarksBefore,
        resolve,
      };
      if (this.tracker.readingInput) this.startQueuedRun();
    });
  }

  private startQueuedRun(): void {
    const run = this.pendingRun;
    if (run?.typing !== true) return;
    run.typing = false;
    this.tracker.beginRunner();
    this.pty?.write(runnerLine);
  }

  /** The runner asks for its next command: send it, or the end of the block. */
  private sendNextPart(): void {
    const run = this.pendingRun;
    if (run === undefined || run.typing) return;
    const part = run.stop ? undefined : run.planned[run.next];
    if (part === undefined) {
      this.pty?.write(endInput(this.nonce));
      return;
    }
    run.next += 1;
    this.tracker.partSent(part.text);
    this.pty?.write(partInput(this.nonce, part, run.options.errexit === true && run.next === 1));
  }

  /** Writes what the transcript holds in memory now (before an export). */
  flushTranscript(): void {
    this.writer.flush();
  }

  /** Ctrl-C to the foreground program. */
  cancel(): void {
    this.write('\x03');
  }

  close(): void {
    if (this.closed) return;
    if (!this.ended) this.finish(null, false);
    this.closed = true;
    this.flow.dispose();
    this.writer.close();
  }

  private receive(raw: Buffer): void {
    for (const piece of this.parser.push(raw)) {
      if (piece.kind === 'data') this.output(piece.data);
      else this.mark(piece.letter, piece.argument);
      if (this.ended) return;
    }
  }

  private output(data: Buffer): void {
    const at = Date.now() - this.startMs;
    const offset = this.offset;
    this.offset += data.length;
    this.lastOutputAt = Date.now();
    const text = this.decoder.write(data);
    this.tracker.data(text, offset, data.length, at);
    if (this.spec.record !== false) this.writer.append(this.masker.push(data), at);
    if (this.hiding !== undefined) this.hiding += text;
    else this.flow.write(text);
  }

  private mark(letter: MarkLetter, argument: string | undefined): void {
    const at = Date.now() - this.startMs;
    // Marks are boundaries no secret spans: release what the masker held back.
    this.writer.append(this.masker.flush(), at);
    if (letter === 'Z') {
      this.finish(Number(argument), true);
      return;
    }
    if (letter === 'P') {
      if (argument === 'next') {
        this.sendNextPart();
        return;
      }
      const kind = requestedShell(argument);
      if (kind !== undefined) {
        this.shell = kind;
        this.pty?.write(scriptInput(kind));
      }
      return;
    }
    if (letter === 'V') {
      this.lastSnapshot = this.snapshots.push(argument) ?? this.lastSnapshot;
      return;
    }
    this.tracker.mark(letter, argument, this.offset, at);
  }

  private promptShown(): void {
    clearTimeout(this.integrationTimer);
    if (this.hiding !== undefined) {
      // The loader's echo stays hidden; start the new prompt on a clean line.
      this.hiding = undefined;
      this.flow.write('\r\x1b[K');
    }
    if (this.integration !== 'active') this.setState(this.status, 'active');
  }

  private commandStarted(command: TrackedCommand): void {
    // A command line is stored and shown: the secrets a step sent in it must not be.
    command.text = this.masker.maskText(command.text);
    if (nestedShell.test(command.text)) this.setState(this.status, 'absent');
    this.save(command);
  }

  private commandFinished(command: TrackedCommand): void {
    this.writer.flush();
    this.save(command);
    const run = this.pendingRun;
    if (run === undefined || run.typing) return;
    run.parts.push(command);
    if (
      command.outcome !== 'finished' ||
      run.options.accept?.(command, run.parts.length - 1, run.planned.length) === false
    )
      run.stop = true;
    else if (run.options.accept === undefined && command.exitCode !== 0) run.stop = true;
  }

  /** D after the runner's line: the block is over; resolve with each command's record. */
  private runnerEnded(exitCode: number | undefined): void {
    const run = this.pendingRun;
    if (run === undefined || run.typing) return;
    this.pendingRun = undefined;
    this.writer.flush();
    run.resolve(this.blockOutcome(run, exitCode));
  }

  private blockOutcome(run: PendingRun, exitCode: number | undefined): RunOutcome {
    const parts = run.parts.map((part) => ({ ...part }));
    let budget = maxRunOutputBytes;
    const pieces: Buffer[] = [];
    let truncated = false;
    for (const part of [...parts].reverse()) {
      const end = part.outputEnd ?? this.writer.bytesWritten;
      const start = Math.max(part.outputStart, end - budget);
      if (start > part.outputStart) truncated = true;
      pieces.unshift(budget > 0 ? this.storedOrHeld(start, end) : Buffer.alloc(0));
      budget = Math.max(0, budget - (end - start));
    }
    const texts = pieces.map((piece) => piece.toString('utf8'));
    const outputStarts: number[] = [];
    let position = 0;
    for (const text of texts) {
      outputStarts.push(position);
      position += text.length;
    }
    const last = parts.at(-1);
    return {
      command: last ?? this.runnerMissing(run, exitCode),
      parts,
      planned: run.planned.length,
      outputStarts,
      // Each piece was masked as stored; joined, a secret split across two commands appears.
      output: this.masker.maskText(texts.join('')),
      truncated,
      runnerStarted: last !== undefined,
      refusedMarks: this.refusedMarks - run.refusedMarksBefore,
    };
  }

  /** The shell ended the line without running a command: the runner is not there (or failed). */
  private runnerMissing(run: PendingRun, exitCode: number | undefined): TrackedCommand {
    const at = Date.now() - this.startMs;
    return {
      seq: 0,
      text: this.masker.maskText(run.planned[0]?.text ?? ''),
      startedAt: at,
      endedAt: at,
      exitCode,
      outcome: 'finished',
      outputStart: this.offset,
      outputEnd: this.offset,
    };
  }

  /** Bytes [start, end) of the stream: stored, then what the writer still holds (a fault). */
  private storedOrHeld(start: number, end: number): Buffer {
    const stored = this.store.readRange(this.id, start, end);
    if (!this.writer.isFailing) return stored;
    return Buffer.concat([stored, this.writer.heldRange(start + stored.length, end)]);
  }

  private save(command: TrackedCommand): void {
    this.sink.command({ ...command });
    try {
      this.storeCommand(command);
      this.unsaved.delete(command.seq);
    } catch (error) {
      // The tracker must go on (the block's outcome depends on it): keep the record for later.
      this.unsaved.set(command.seq, { ...command });
      this.log(`terminal ${this.id}: command ${command.seq} was not stored`, error);
    }
  }

  private saveUnsaved(): void {
    for (const command of [...this.unsaved.values()]) {
      try {
        this.storeCommand(command);
        this.unsaved.delete(command.seq);
      } catch (error) {
        this.log(`terminal ${this.id}: command ${command.seq} was still not stored`, error);
        return;
      }
    }
  }

  private storeCommand(command: TrackedCommand): void {
    this.store.saveCommand(this.id, {
      seq: command.seq,
      text: command.text,
      startedAt: new Date(this.startMs + command.startedAt).toISOString(),
      endedAt: command.endedAt === undefined ? null : new Date(this.startMs + command.endedAt).toISOString(),
      exitCode: command.exitCode ?? null,
      outcome: command.outcome,
      outputStart: command.outputStart,
      outputEnd: command.outputEnd ?? null,
    });
  }

  /** The stream ended: at the Z mark (complete) or when the pty closed without one. */
  private finish(exitCode: number | null, complete: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.nonceFiles?.dispose();
    this.nonceFiles = undefined;
    clearTimeout(this.integrationTimer);
    const at = Date.now() - this.startMs;
    const rest = this.parser.flush();
    if (rest.length > 0) this.output(rest);
    if (this.hiding !== undefined) {
      this.flow.write(this.hiding);
      this.hiding = undefined;
    }
    this.tracker.abandon(this.offset, at);
    const run = this.pendingRun;
    this.pendingRun = undefined;
    if (run !== undefined) {
      const outcome = this.blockOutcome(run, undefined);
      const command = run.parts.at(-1) ?? this.abandonedRun(run.planned[run.next - 1]?.text ?? '', at);
      run.resolve({ ...outcome, command: { ...command, outcome: 'unknown' } });
    }
    this.writer.append(this.masker.flush(), at);
    this.writer.flush();
    this.flow.flush();
    this.exitCode = exitCode !== null && Number.isInteger(exitCode) ? exitCode : null;
    try {
      this.store.endSession(this.id, {
        endedAt: new Date().toISOString(),
        exitCode: this.exitCode ?? undefined,
        complete,
      });
    } catch (error) {
      // The next host start ends it as an orphan (incomplete); the session itself ends now.
      this.log(`terminal ${this.id}: its end was not stored`, error);
    }
    const dropped = this.spec.target.kind === 'ssh' && this.exitCode !== 0;
    this.setState(dropped ? 'dropped' : 'exited', this.integration);
    // The wrapper waits after Z so nothing was lost; now it can go.
    this.pty?.kill();
  }

  private abandonedRun(text: string, at: number): TrackedCommand {
    return {
      seq: 0,
      text,
      startedAt: at,
      endedAt: at,
      exitCode: undefined,
      outcome: 'unknown',
      outputStart: this.offset,
      outputEnd: this.offset,
    };
  }

  private setState(status: SessionStatus, integration: IntegrationState): void {
    if (status === this.status && integration === this.integration) return;
    this.status = status;
    this.integration = integration;
    this.sink.state(this.snapshot());
  }

  private expectPrompt(): void {
    clearTimeout(this.integrationTimer);
    this.integrationTimer = setTimeout(() => {
      if (this.integration === 'active' || this.ended) return;
      if (this.hiding !== undefined) {
        this.flow.write(this.hiding);
        this.hiding = undefined;
      }
      this.setState(this.status, 'absent');
    }, integrationTimeoutMs);
  }

  /** ssh is connected once its master socket answers; then the integration goes in. */
  private async connectWatch(pty: PtyProcess): Promise<void> {
    if (this.spec.target.kind !== 'ssh') return;
    const alive = (): boolean => this.pty === pty && !this.ended;
    if (!(await awaitMaster(new SshControl(this.spec.controlDir), this.spec.target.profile, alive))) return;
    this.setState('connected', 'pending');
    await awaitQuiet(() => this.lastOutputAt, alive);
    if (!alive()) return;
    this.hiding = '';
    this.expectPrompt();
    pty.write(loaderLine(this.nonce));
  }
}
