/** `handrail ansible-summary`: the recap and failed tasks of Ansible output saved outside Handrail. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { recapHasFailures, type AnsibleSummary } from '../output-readers/ansible-recap';
import { AnsibleReader } from '../output-readers/ansible-reader';
import { recordedOutput } from '../output-readers/recorded-output';
import { decodeUntrusted } from '../report/visible-controls';
import { terminalSafeLine } from './terminal-safe-line';
import { UsageError } from './usage-error';

export const ansibleSummaryUsage = `  ansible-summary FILE [--json]
                       the PLAY RECAP per host and the failed tasks of ansible-playbook output in
                       FILE (a saved log, a raw terminal capture or an asciicast v2/v3 file);
                       exit 1 when a host failed or was unreachable`;

export function runAnsibleSummaryCommand(args: string[]): void {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { json: { type: 'boolean', default: false } },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('ansible-summary: name exactly one file');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const reader = new AnsibleReader();
  for (const piece of recordedOutput(decodeUntrusted(bytes))) reader.push(piece);
  const summary = reader.finish();
  console.log(values.json ? JSON.stringify(machineSummary(summary)) : humanSummary(summary).join('\n'));
  if (recapHasFailures(summary)) process.exitCode = 1;
}

/** The documented --json shape: ignored failures are not failed tasks (the recap counts them). */
function machineSummary(summary: AnsibleSummary): unknown {
  return {
    hosts: summary.hosts,
    failedTasks: summary.failedTasks
      .filter((task) => !task.ignored)
      .map(({ host, task, message }) => ({ host, task, message })),
  };
}

/** Every string from the file goes through terminalSafeLine: the reader's terminal obeys none of it. */
function humanSummary(summary: AnsibleSummary): string[] {
  if (!summary.recognised) return ['no Ansible output found'];
  const hosts = Object.entries(summary.hosts);
  const lines = hosts.length === 0 ? ['no PLAY RECAP found (the play did not finish?)'] : ['PLAY RECAP'];
  const width = Math.max(0, ...hosts.map(([host]) => terminalSafeLine(host).length));
  for (const [host, recap] of hosts) {
    const counts = Object.entries(recap)
      .map(([name, count]) => `${name}=${count}`)
      .join(' ');
    lines.push(`  ${terminalSafeLine(host).padEnd(width)}  ${counts}`);
  }
  const failed = summary.failedTasks.filter((task) => !task.ignored);
  lines.push(failed.length === 0 ? 'no failed tasks' : `failed tasks (${failed.length}):`);
  for (const task of failed)
    lines.push(
      `  ${terminalSafeLine(task.host)} · ${terminalSafeLine(task.task)}${task.kind === 'unreachable' ? ' (unreachable)' : ''}: ${terminalSafeLine(task.message)}`,
    );
  for (const warning of summary.warnings) lines.push(`warning: ${terminalSafeLine(warning)}`);
  return lines;
}
