import { readdirSync, readFileSync } from 'node:fs';

/**
 * The processes whose command line mentions `text` (from /proc): how a test finds the `ssh`
 * processes of a data folder, which all carry its ControlPath (`ssh: <path> [mux]` for a master,
 * which rewrites its title; `-o ControlPath=<path>` for the others).
 */
export function processesMentioning(text: string): Array<{ pid: number; commandLine: string }> {
  const found: Array<{ pid: number; commandLine: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      if (commandLine.includes(text)) found.push({ pid: Number(entry), commandLine });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
