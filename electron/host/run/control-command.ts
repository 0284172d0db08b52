import type { TerminalTarget } from '../../../shared/contract/index';
import type { ShellKind } from '../terminal/shell-integration/integration-scripts';
import { execWithInput } from '../terminal/ssh/ssh-control';
import type { SshProfile } from '../terminal/ssh/ssh-profile';
import type { TerminalManager } from '../terminal/terminal-manager';

export interface ControlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Where a background command runs: the run shell's kind, folder and exported variables (what a
 * child of that shell would get), as its integration last reported them.
 */
export interface ShellEnvironment {
  shell: ShellKind;
  cwd: string;
  /** `export -p` of that shell. */
  exports: string;
}

/**
 * Runs a command on a control host in the background, never through the operator's terminal:
 * over the shared SSH connection (the ControlMaster the run's terminal holds; BatchMode, so it
 * fails rather than prompts) for an SSH host, locally otherwise. With an environment, the command
 * runs in a fresh shell of the same kind started with an empty environment, which then takes the
 * run shell's exported variables and folder: what a child of the run shell would see. Without
 * one, `sh -c` in the login environment.
 */
export function runOnControlHost(
  terminals: TerminalManager,
  target: TerminalTarget,
  command: string,
  timeoutMs: number,
  options: { environment?: ShellEnvironment | undefined; signal?: AbortSignal } = {},
): Promise<ControlResult> {
  const { environment, signal } = options;
  const script = environment === undefined ? undefined : scriptIn(environment, command);
  const base = { timeoutMs, ...(signal === undefined ? {} : { signal }) };
  if (target.kind === 'ssh') {
    const profile = target.profile as SshProfile;
    if (script === undefined) return terminals.control().run(profile, command, timeoutMs, base);
    return terminals.control().run(profile, `exec env -i ${freshShell[script.shell].join(' ')}`, timeoutMs, {
      ...base,
      input: script.text,
    });
  }
  if (script === undefined && target.sandbox === true) {
    // No run shell to copy (its terminal is gone): a sandbox shell's PATH and home, all the same.
    const place = terminals.shellPlace(target);
    const assignments = Object.entries(place.env).map(([key, value]) => `${key}=${value}`);
    const line = `cd -- ${quote(place.cwd)} || exit 125\n${command}`;
    return execWithInput('env', ['-i', ...assignments, 'sh', '-c', line], base);
  }
  if (script === undefined) return execWithInput('sh', ['-c', command], base);
  return execWithInput('env', ['-i', ...freshShell[script.shell]], { ...base, input: script.text });
}

/** A shell reading its script from standard input without reading any rc file. */
const freshShell: Record<ShellKind, string[]> = {
  bash: ['bash', '--noprofile', '--norc', '-s'],
  sh: ['sh', '-s'],
  zsh: ['zsh', '-f', '-s'],
};

function scriptIn(environment: ShellEnvironment, command: string): { shell: ShellKind; text: string } {
  // Read-only variables that `export -p` lists cannot be set again: their errors are not the poll's.
  const text = [
    `{\n${environment.exports}\n} 2>/dev/null`,
    `cd -- ${quote(environment.cwd)} || exit 125`,
    command,
    '',
  ].join('\n');
  return { shell: environment.shell, text };
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
