import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import type { Database } from 'better-sqlite3';
import {
  RpcError,
  type TerminalCommand,
  type TerminalRecent,
  type TerminalRecording,
  type TerminalTarget,
} from '../../../shared/contract/index';
import type { Connection } from '../../../shared/rpc/server';
import { sandboxHome, sandboxShellEnv } from '../sandbox/sandbox-shell';
import { TerminalSession } from './session';
import type { RunOutcome, SessionSnapshot, SessionTarget } from './session-types';
import type { TrackedCommand } from './shell-integration/command-tracker';
import { prepareControlDir } from './ssh/control-dir';
import { exitArgs, SshControl } from './ssh/ssh-control';
import { profileProblem, type SshProfile } from './ssh/ssh-profile';
import { toAsciicast } from './transcript/asciicast';
import { TranscriptStore } from './transcript/transcript-store';

/**
 * How much of a session's end a view that attaches gets: 512 KiB is several screens of dense
 * output (xterm keeps 10,000 lines of scrollback here), and sends in well under a second.
 */
const recentOutputBytes = 512 * 1024;

interface Entry {
  session: TerminalSession;
  /** The connection that opened or last attached the session: the only one that gets its events. */
  owner: Connection | undefined;
}

export interface OpenRequest {
  target: TerminalTarget;
  title?: string | undefined;
  cols: number;
  rows: number;
  secrets: string[];
  /** Set by the run engine for a run's own terminal. */
  runId?: string | undefined;
}

/** Every terminal session of the host, and which connection shows each. */
export class TerminalManager {
  private readonly entries = new Map<string, Entry>();
  readonly store: TranscriptStore;
  private readonly controlDir: string;

  constructor(
    db: Database,
    private readonly dataDir: string,
    private readonly log: (message: string, error?: unknown) => void = () => {},
    /** A session's recording fault, for every connection and the run engine (host.ts). */
    private readonly recording: (report: TerminalRecording) => void = () => {},
    private readonly heldBytesLimit?: number,
  ) {
    this.store = new TranscriptStore(db, (error) => this.log('transcript index', error));
    this.controlDir = prepareControlDir(dataDir);
  }

  open(request: OpenRequest, owner: Connection): SessionSnapshot {
    const target = this.checkTarget(request.target);
    const id = randomUUID();
    const entry: Entry = { session: undefined as unknown as TerminalSession, owner: undefined };
    entry.session = new TerminalSession(
      {
        id,
        title: request.title ?? defaultTitle(target),
        cols: request.cols,
        rows: request.rows,
        ...this.shellPlace(request.target),
        target,
        controlDir: this.controlDir,
        secrets: request.secrets,
        runId: request.runId,
        heldBytesLimit: this.heldBytesLimit,
      },
      this.store,
      {
        data: (data) => entry.owner?.emit('terminals.data', { id, data }),
        state: (snapshot) => entry.owner?.emit('terminals.state', snapshot),
        command: (command) =>
          entry.owner?.emit('terminals.command', { id, command: this.toContract(entry, command) }),
        recording: (report) => this.recording(report),
      },
      this.log,
    );
    this.entries.set(id, entry);
    this.attach(id, owner);
    entry.session.start();
    return entry.session.snapshot();
  }

  attach(id: string, owner: Connection): SessionSnapshot & { recent: TerminalRecent } {
    const entry = this.entry(id);
    // Before the switch: what was batched for the previous view goes to it, and is in `recent`.
    const recent = entry.session.recentOutput(recentOutputBytes);
    entry.owner = owner;
    entry.session.detached(); // in-flight characters belonged to the previous view
    owner.onClose(() => {
      if (entry.owner !== owner) return;
      entry.owner = undefined;
      entry.session.detached();
    });
    return { ...entry.session.snapshot(), recent: { ...recent, data: recent.data.toString('base64') } };
  }

  session(id: string): TerminalSession {
    return this.entry(id).session;
  }

  list(): SessionSnapshot[] {
    return [...this.entries.values()].map((entry) => entry.session.snapshot());
  }

  commands(id: string): TerminalCommand[] {
    const entry = this.entry(id);
    return entry.session.commands.map((command) => this.toContract(entry, command));
  }

  async run(
    id: string,
    command: string,
  ): Promise<{ command: TerminalCommand; parts: TerminalCommand[]; output: string; truncated: boolean }> {
    const entry = this.entry(id);
    const outcome: RunOutcome = await entry.session.run(command);
    return {
      output: outcome.output,
      truncated: outcome.truncated,
      command: this.toContract(entry, outcome.command),
      parts: outcome.parts.map((part) => this.toContract(entry, part)),
    };
  }

  exportAsciicast(id: string): string {
    const record = this.store.session(id);
    if (record === undefined) throw new RpcError('not_found', `no terminal session ${id}`, 'params.id');
    this.entries.get(id)?.session.flushTranscript();
    return toAsciicast(record, this.store.chunks(id), this.store.resizes(id));
  }

  close(id: string): void {
    this.entry(id).session.close();
    this.entries.delete(id);
  }

  /**
   * A run ended: its session is closed (ended_at recorded) and, over SSH, its master connection
   * too, unless another open session shares it (the same socket, as ssh resolves it).
   */
  async end(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    const target = entry.session.spec.target;
    this.close(id);
    if (target.kind !== 'ssh') return;
    const control = this.control();
    const socket = await control.controlPath(target.profile);
    for (const other of this.entries.values()) {
      const otherTarget = other.session.spec.target;
      if (otherTarget.kind === 'ssh' && (await control.controlPath(otherTarget.profile)) === socket) return;
    }
    await control.exit(target.profile);
  }

  /**
   * Host start: no session outlives the host that ran it, so sessions still open in the store
   * are ended, master connections a killed host left logged in are closed, and the search index
   * catches up with the transcripts.
   */
  async recoverOrphans(): Promise<void> {
    const ended = this.store.endOrphanSessions(new Date().toISOString());
    // Output a killed host stored but did not index is indexed now (transcript-indexer.ts).
    this.store.indexer.start();
    const masters = await this.control().exitAll();
    if (ended > 0 || masters.length > 0)
      this.log(`closed what the last host left open: ${ended} session(s), ${masters.length} ssh master(s)`);
  }

  /** Host shutdown: every pty is killed and every transcript written; the masters are closed. */
  closeAll(): void {
    for (const entry of this.entries.values()) entry.session.close();
    this.entries.clear();
    // What the index worker has not reached is indexed at the next start.
    void this.store.indexer.close();
    this.exitMastersNow();
  }

  /** At shutdown there is no event loop left to wait on: one `ssh -O exit` after another. */
  private exitMastersNow(): void {
    for (const socket of this.control().sockets())
      spawnSync('ssh', exitArgs(socket), { timeout: 5_000, stdio: 'ignore' });
  }

  /** Background checks over a profile's master connection. */
  control(): SshControl {
    return new SshControl(this.controlDir);
  }

  /** Where a shell starts and with what: the user's home, or the practice sandbox's. */
  shellPlace(target: TerminalTarget): { cwd: string; env: Record<string, string> } {
    if (target.kind !== 'local' || target.sandbox !== true) return { cwd: homedir(), env: inheritedEnv() };
    const home = sandboxHome(this.dataDir);
    return { cwd: home, env: sandboxShellEnv(inheritedEnv(), home) };
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (entry === undefined) throw new RpcError('not_found', `no open terminal ${id}`, 'params.id');
    return entry;
  }

  private toContract(entry: Entry, command: TrackedCommand): TerminalCommand {
    const base = entry.session.startedAtMs;
    return {
      seq: command.seq,
      text: command.text,
      startedAt: new Date(base + command.startedAt).toISOString(),
      endedAt: command.endedAt === undefined ? null : new Date(base + command.endedAt).toISOString(),
      exitCode: command.exitCode ?? null,
      outcome: command.outcome,
      outputStart: command.outputStart,
      outputEnd: command.outputEnd ?? null,
    };
  }

  private checkTarget(target: TerminalTarget): SessionTarget {
    if (target.kind === 'ssh') {
      const problem = profileProblem(target.profile as SshProfile);
      if (problem !== undefined)
        throw new RpcError(
          'invalid_params',
          `params.target.profile.${problem.field}: ${problem.message}`,
          `params.target.profile.${problem.field}`,
        );
      return target;
    }
    const shell = target.shell ?? process.env.SHELL ?? '/bin/sh';
    try {
      accessSync(shell, constants.X_OK);
    } catch {
      throw new RpcError(
        'invalid_params',
        `params.target.shell: ${shell} is not an executable file`,
        'params.target.shell',
      );
    }
    return { kind: 'local', shell };
  }
}

function defaultTitle(target: TerminalTarget): string {
  if (target.kind === 'ssh')
    return target.profile.user === undefined
      ? target.profile.host
      : `${target.profile.user}@${target.profile.host}`;
  return (target.shell ?? 'shell').split('/').at(-1) ?? 'shell';
}

/** The host's environment for shells, without Handrail's own variables. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('HANDRAIL_')) env[key] = value;
  }
  return env;
}
