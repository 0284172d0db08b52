import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { RpcError } from '../../../shared/contract/index';
import { FlowController } from './flow-control';
import { spawnWrapped, type PtyProcess } from './pty-process';
import { CommandTracker, type TrackedCommand } from './shell-integration/command-tracker';
import { localLaunch, shellKind } from './shell-integration/integration-scripts';
import { MarkParser, type MarkLetter } from './shell-integration/mark-parser';
import { loaderLine, requestedShell, scriptInput } from './shell-integration/remote-injection';
import { awaitMaster, awaitQuiet } from './ssh/connect-watch';
import { SshControl } from './ssh/ssh-control';
import { interactiveArgs } from './ssh/ssh-profile';
import { SecretMasker } from './transcript/secret-masker';
import type { TranscriptStore } from './transcript/transcript-store';
import type { TranscriptWriter } from './transcript/transcript-writer';
import {
  maxRunOutputBytes,
  type IntegrationState,
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
  text: string;
  /** What to type; sent once the shell reads input (typed-ahead text would echo before B). */
  typed: string | undefined;
  command: TrackedCommand | undefined;
  resolve(outcome: RunOutcome): void;
}

/** One terminal: a pty running a local shell or ssh, its marks, commands and transcript. */
export class TerminalSession {
  private pty: PtyProcess | undefined;
  private parser: MarkParser;
  private readonly tracker: CommandTracker;
  private readonly masker = new SecretMasker();
  private readonly writer: TranscriptWriter;
  private readonly flow: FlowController;
  private readonly decoder = new StringDecoder('utf8');
  private readonly nonce = randomBytes(16).toString('hex');
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
    this.writer = store.writer(spec.id, (error) => this.log(`transcript of ${spec.id}: write failed`, error));
  }

  get id(): string {
    return this.spec.id;
  }

  /** When the session started (ms since the epoch); command times are relative to it. */
  get startedAtMs(): number {
    return this.startMs;
  }

  get commands(): readonly TrackedCommand[] {
    return this.tracker.commands;
  }

  snapshot(): SessionSnapshot {
    return {
      id: this.spec.id,
      kind: this.spec.target.kind,
      title: this.spec.title,
      status: this.status,
      integration: this.integration,
      exitCode: this.exitCode,
    };
  }

  /** Starts the process; again after a drop or exit (reconnect), continuing the same transcript. */
  start(): void {
    if (!this.ended || this.closed) throw new RpcError('conflict', `terminal ${this.id} is already running`);
    this.ended = false;
    this.parser = new MarkParser(this.nonce);
    this.tracker.reset();
    this.exitCode = null;
    const target = this.spec.target;
    const env = { ...this.spec.env };
    let file: string;
    let args: string[];
    let kind = undefined as ReturnType<typeof shellKind>;
    if (target.kind === 'local') {
      file = target.shell;
      kind = shellKind(target.shell);
      const launch = kind === undefined ? { args: [], env: {} } : localLaunch(kind, this.nonce, env);
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
      nonce: this.nonce,
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

  resize(cols: number, rows: number): void {
    this.spec.cols = cols;
    this.spec.rows = rows;
    if (!this.ended) this.pty?.resize(cols, rows);
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
   * Sends a command and resolves when the shell reports it ended. A block of several lines runs
   * in a subshell `( ... )`: `set -e` or `exit` in it then ends the subshell, never the operator's
   * shell, and the block's exit code is the subshell's. (One line runs as it is, so `cd` and
   * `export` keep working for the next steps.)
   */
  run(command: string): Promise<RunOutcome> {
    if (this.ended) throw new RpcError('conflict', `terminal ${this.id} is not running`);
    if (this.integration !== 'active')
      throw new RpcError('conflict', `terminal ${this.id} has no shell integration: no exit codes here`);
    if (this.pendingRun !== undefined || this.tracker.running !== undefined)
      throw new RpcError('conflict', `terminal ${this.id} is busy: a command is running`);
    const text = command.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
    const block = text.includes('\n') ? `(\n${text}\n)` : text;
    return new Promise((resolve) => {
      this.pendingRun = { text, typed: `${block.replaceAll('\n', '\r')}\r`, command: undefined, resolve };
      if (this.tracker.readingInput) this.startQueuedRun();
    });
  }

  private startQueuedRun(): void {
    const run = this.pendingRun;
    if (run?.typed === undefined) return;
    this.pty?.write(run.typed);
    run.typed = undefined;
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
      const kind = requestedShell(argument);
      if (kind !== undefined) this.pty?.write(scriptInput(kind));
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
    const run = this.pendingRun;
    if (run !== undefined && run.command === undefined) {
      run.command = command;
      command.text = run.text;
    }
    // A command line is stored and shown: the secrets a step sent in it must not be.
    command.text = this.masker.maskText(command.text);
    if (nestedShell.test(command.text)) this.setState(this.status, 'absent');
    this.save(command);
  }

  private commandFinished(command: TrackedCommand): void {
    this.writer.flush();
    this.save(command);
    const run = this.pendingRun;
    if (run === undefined || run.command !== command) return;
    this.pendingRun = undefined;
    const end = command.outputEnd ?? this.writer.bytesWritten;
    const start = Math.max(command.outputStart, end - maxRunOutputBytes);
    const output = this.store.readRange(this.id, start, end).toString('utf8');
    run.resolve({ command: { ...command }, output, truncated: start > command.outputStart });
  }

  private save(command: TrackedCommand): void {
    this.sink.command({ ...command });
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
      const command = run.command ?? this.abandonedRun(run.text, at);
      run.resolve({ command: { ...command, outcome: 'unknown' }, output: '', truncated: false });
    }
    this.writer.append(this.masker.flush(), at);
    this.writer.flush();
    this.flow.flush();
    this.exitCode = exitCode !== null && Number.isInteger(exitCode) ? exitCode : null;
    this.store.endSession(this.id, {
      endedAt: new Date().toISOString(),
      exitCode: this.exitCode ?? undefined,
      complete,
    });
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
