import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServe {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  output(): string;
  /** Sends SIGINT (Ctrl-C) and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts a built entry point that serves browser mode (dist/host/serve.js, or the CLI with
 * `serve`) and resolves once it has printed its URL.
 */
export function startServe(entryArgs: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningServe> {
  const child = spawn(process.execPath, entryArgs, {
    cwd: repoRoot,
    // A fresh data folder stays empty unless a test asks for the practice sandbox (docs/sandbox.md).
    env: { ...process.env, HANDRAIL_PRACTICE_SANDBOX: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(output);
      if (match === null) return;
      child.stdout?.off('data', onData);
      child.stdout?.on('data', (more: Buffer) => (output += more.toString()));
      resolve({
        child,
        url: match[0],
        origin: match[1]!,
        token: match[2]!,
        output: () => output,
        stop: () => {
          child.kill('SIGINT');
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) =>
      reject(new Error(`serve exited with ${code} before printing a URL:\n${output}`)),
    );
  });
}
