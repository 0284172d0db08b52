import { spawn, type IPty } from 'node-pty';

export interface PtyOptions {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  cols: number;
  rows: number;
  /**
   * The file holding the session's nonce (nonce-handoff.ts): the wrapper reads it, deletes it,
   * and prints the nonce in the Z mark that ends the stream.
   */
  nonceFile: string;
  /** false: no wrapper (fault injection for the reliability suite only; the tail can be lost). */
  wrapped?: boolean;
}

/**
 * The wrapper that makes the end of a pty's output certain. node-pty 1.1.0 on Linux destroys its
 * read socket 200 ms after the child exits (DESTROY_SOCKET_TIMEOUT_MS in lib/unixTerminal.js),
 * whether or not the output still in the pty has been read: a paused (flow control) or busy
 * host loses the tail. So the pty's first process is this small sh that runs the real program,
 * then prints a Z mark with the exit code and the session nonce and waits. Output is read in
 * order, so when the host has read Z it has read every byte the program wrote; only then does
 * it end the wrapper. The nonce is read from its file, which is deleted before the program starts
 * (never from the environment, which /proc/<pid>/environ would show to the program).
 */
const wrapperScript = [
  'IFS= read -r n < "$HANDRAIL_EXIT_NONCE_FILE"; rm -f -- "$HANDRAIL_EXIT_NONCE_FILE"',
  // The last of the two readers (this one, or the shell's integration) removes the folder.
  'rmdir -- "${HANDRAIL_EXIT_NONCE_FILE%/*}" 2>/dev/null || :; unset HANDRAIL_EXIT_NONCE_FILE',
  '"$@"; s=$?',
  `printf '\\033]633;Z;%s;%s\\007' "$n" "$s"`,
  'exec sleep 2147483647',
].join('\n');

export interface PtyProcess {
  readonly pid: number;
  onData(listener: (data: Buffer) => void): void;
  /** The pty closed; exitCode is what node-pty reports (the wrapper's, not the program's). */
  onClose(listener: (exitCode: number, signal: number | undefined) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  kill(): void;
}

export function spawnWrapped(options: PtyOptions): PtyProcess {
  const [file, args] =
    options.wrapped === false
      ? [options.file, options.args]
      : ['/bin/sh', ['-c', wrapperScript, 'handrail-pty', options.file, ...options.args]];
  const pty: IPty = spawn(file, args, {
    name: 'xterm-256color',
    cols: options.cols,
    rows: options.rows,
    cwd: options.cwd,
    env: { ...options.env, HANDRAIL_EXIT_NONCE_FILE: options.nonceFile },
    // Bytes, not strings: transcripts store exactly what the program wrote.
    encoding: null,
  });
  let killed = false;
  return {
    pid: pty.pid,
    onData: (listener) => {
      pty.onData((data) => listener(data as unknown as Buffer));
    },
    onClose: (listener) => {
      pty.onExit(({ exitCode, signal }) => listener(exitCode, signal));
    },
    write: (data) => pty.write(data),
    resize: (cols, rows) => pty.resize(cols, rows),
    pause: () => pty.pause(),
    resume: () => pty.resume(),
    kill: () => {
      if (killed) return;
      killed = true;
      try {
        pty.kill('SIGHUP');
      } catch {
        // already gone
      }
    },
  };
}
