import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a local pty's processes read the session nonce: one file for the wrapper, one for the shell. */
export interface NonceFiles {
  /** Read and deleted by the pty wrapper (pty-process.ts), for the Z mark. */
  exitFile: string;
  /**
   * Read and deleted by a local shell's integration (resources/shell-integration), for every
   * mark; none for a shell that loads no integration at spawn (ssh, an unknown shell).
   */
  shellFile: string | undefined;
  /** Removes whatever is left (a shell that never loaded its integration leaves its file). */
  dispose(): void;
}

/**
 * Hands the session nonce to the processes a pty starts without the environment (issue 19): a
 * variable set at exec stays in /proc/<pid>/environ after `unset`, where any program of the
 * session could read it and print a forged exit mark. The nonce goes into files in a fresh
 * folder only the user can enter (mkdtemp makes it 0700, the files are 0600); each reader
 * deletes its file before anything of the user's runs, so a program started later finds none.
 */
export function handNonceOver(nonce: string, forShell: boolean): NonceFiles {
  const folder = mkdtempSync(join(tmpdir(), 'handrail-nonce-'));
  const exitFile = join(folder, 'exit');
  const shellFile = forShell ? join(folder, 'shell') : undefined;
  for (const file of [exitFile, shellFile]) {
    if (file !== undefined) writeFileSync(file, `${nonce}\n`, { mode: 0o600, flag: 'wx' });
  }
  return {
    exitFile,
    shellFile,
    dispose: () => rmSync(folder, { recursive: true, force: true }),
  };
}
