import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import type { TerminalTarget } from '../../../shared/contract/index';
import type { SshProfile } from '../terminal/ssh/ssh-profile';
import type { TerminalManager } from '../terminal/terminal-manager';

export interface ControlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command on a control host in the background, never through the operator's terminal:
 * over the shared SSH connection (the ControlMaster the run's terminal holds; BatchMode, so it
 * fails rather than prompts) for an SSH host, `sh -c` in the home folder for a local one.
 */
export function runOnControlHost(
  terminals: TerminalManager,
  target: TerminalTarget,
  command: string,
  timeoutMs: number,
): Promise<ControlResult> {
  if (target.kind === 'ssh') return terminals.control().run(target.profile as SshProfile, command, timeoutMs);
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', command],
      { cwd: homedir(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 255;
        resolve({ exitCode: code, stdout, stderr });
      },
    );
  });
}
