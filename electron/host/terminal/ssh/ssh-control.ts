import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { connectionArgs, destination, type SshProfile } from './ssh-profile';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Background work over the operator's authenticated connection. BatchMode=yes means ssh fails
 * instead of prompting, and ControlMaster=no means it never becomes a master itself: a check
 * that would need a new login fails fast rather than hanging on a prompt nobody sees.
 */
export class SshControl {
  constructor(private readonly controlDir: string) {}

  /** Whether a master connection to this profile's host is up (`ssh -O check`). */
  async check(profile: SshProfile): Promise<boolean> {
    const result = await this.ssh(profile, ['-O', 'check', destination(profile)], 10_000);
    return result.exitCode === 0;
  }

  /**
   * Runs a command on the host through the master connection, without a tty or a prompt (and
   * without the profile's RemoteCommand, which ssh refuses beside a command); `input` is its
   * standard input.
   */
  run(
    profile: SshProfile,
    command: string,
    timeoutMs = 60_000,
    options: { input?: string; signal?: AbortSignal } = {},
  ): Promise<ExecResult> {
    return this.ssh(
      profile,
      ['-o', 'RemoteCommand=none', '-T', destination(profile), command],
      timeoutMs,
      options,
    );
  }

  /** Closes the master connection (`ssh -O exit`). */
  async exit(profile: SshProfile): Promise<void> {
    await this.ssh(profile, ['-O', 'exit', destination(profile)], 10_000);
  }

  /**
   * The master's socket for a profile as ssh resolves it (`ssh -G`, which connects nowhere):
   * two profiles share a master exactly when these agree.
   */
  async controlPath(profile: SshProfile): Promise<string | undefined> {
    const result = await this.ssh(profile, ['-G', destination(profile)], 10_000);
    return /^controlpath (.+)$/m.exec(result.stdout)?.[1];
  }

  /**
   * Closes every master whose socket is in the folder: at start, those a host that was killed
   * left behind (ControlPersist keeps them for 10 minutes, logged in); at shutdown, ours.
   * Returns the sockets it asked to exit.
   */
  async exitAll(): Promise<string[]> {
    const sockets = this.sockets();
    await Promise.all(sockets.map((socket) => execWithInput('ssh', exitArgs(socket), { timeoutMs: 10_000 })));
    return sockets;
  }

  /** The master sockets in the folder (`cm-%C`, sharingOptions in ssh-profile.ts). */
  sockets(): string[] {
    return readdirSync(this.controlDir)
      .filter((name) => name.startsWith('cm-'))
      .map((name) => join(this.controlDir, name));
  }

  private ssh(
    profile: SshProfile,
    tail: string[],
    timeoutMs: number,
    options: { input?: string; signal?: AbortSignal } = {},
  ): Promise<ExecResult> {
    // ssh keeps the first value it reads for an option, so these come before the profile's.
    const args = [
      '-o',
      'BatchMode=yes',
      '-o',
      'ControlMaster=no',
      ...connectionArgs(profile, this.controlDir),
      ...tail,
    ];
    return execWithInput('ssh', args, { timeoutMs, ...options });
  }
}

/** `ssh` arguments that close the master behind a socket (the host name is not used then). */
export function exitArgs(socket: string): string[] {
  return ['-o', `ControlPath=${socket}`, '-O', 'exit', 'handrail-master'];
}

/**
 * Runs a program to its end with `input` on its standard input; a timeout or an abort kills it
 * (exit code 255 when it has none of its own).
 */
export function execWithInput(
  file: string,
  args: readonly string[],
  options: { timeoutMs: number; input?: string; signal?: AbortSignal },
): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      {
        timeout: options.timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        cwd: homedir(),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 255;
        resolve({ exitCode: code, stdout, stderr });
      },
    );
    child.stdin?.on('error', () => undefined); // the program may exit before reading it all
    child.stdin?.end(options.input ?? '');
  });
}
