import { hostStepKey, type RunDetail, type StepState } from '../../../shared/contract/index';
import { hostOutcome, rollingHostNote, tallyHosts, type HostOutcome } from '../../../shared/run/index';

/**
 * The per-host table of a rolling step in the report: each host in execution order with its
 * batch, how it ended (updated, skipped with the reason, stopped, not started), whether it was
 * left out of service, and each sub-step's outcome, time and exit code.
 */
export interface ReportRolling {
  pattern: string;
  inventoryFile: string;
  batchCount: number;
  drainCap: number | null;
  subSteps: Array<{ id: string; title: string }>;
  hosts: ReportRollingHost[];
}

export interface ReportRollingHost {
  name: string;
  batch: number;
  state: 'updated' | 'skipped' | 'stopped' | 'in progress' | 'not started';
  skipReason: string | null;
  outOfService: boolean;
  cells: Array<{ status: string; endedAt: string | null; exitCode: number | null; attempts: number }>;
}

/** The report's words for where a host stands (shared/run/host-outcome.ts decides it). */
const hostStateWords: Record<HostOutcome, ReportRollingHost['state']> = {
  skipped: 'skipped',
  failed: 'stopped',
  updated: 'updated',
  pending: 'not started',
  'in-progress': 'in progress',
};

export function rollingReport(
  step: StepState,
  detail: RunDetail,
): { rolling?: ReportRolling; hostsNote?: string } {
  const rolling = step.rolling;
  if (rolling === undefined) return {};
  const byKey = new Map(detail.steps.map((candidate) => [candidate.key, candidate]));
  const stepOf = (key: string) => byKey.get(key);
  const hosts = rolling.hosts.map((host): ReportRollingHost => {
    const cells = rolling.subSteps.map((sub) => byKey.get(hostStepKey(step.key, host.name, sub.id)));
    const skipReason = rolling.skippedHosts[host.name] ?? null;
    return {
      name: host.name,
      batch: host.batch + 1,
      state: hostStateWords[hostOutcome(rolling, host.name, cells)],
      skipReason,
      outOfService: rolling.outOfService.includes(host.name),
      cells: cells.map((cell) => ({
        status: cell?.status ?? 'pending',
        endedAt: cell?.endedAt ?? null,
        exitCode: cell?.attempts.at(-1)?.commands.at(-1)?.exitCode ?? null,
        attempts: cell?.attempts.length ?? 0,
      })),
    };
  });
  const note = rollingHostNote(tallyHosts(step.key, rolling, stepOf));
  return {
    ...(note === null ? {} : { hostsNote: note }),
    rolling: {
      pattern: rolling.pattern,
      inventoryFile: rolling.inventoryFile,
      batchCount: rolling.batches.length,
      drainCap: rolling.drainCap,
      subSteps: rolling.subSteps.map(({ id, title }) => ({ id, title })),
      hosts,
    },
  };
}

function cellText(cell: ReportRollingHost['cells'][number]): string {
  const parts = [cell.status];
  if (cell.exitCode !== null) parts.push(`exit ${cell.exitCode}`);
  if (cell.attempts > 1) parts.push(`${cell.attempts} attempts`);
  if (cell.endedAt !== null) parts.push(cell.endedAt);
  return parts.join(', ');
}

function hostText(host: ReportRollingHost): string {
  return [
    host.state,
    host.skipReason === null ? '' : `: ${host.skipReason}`,
    host.outOfService ? ' (left out of service)' : '',
  ].join('');
}

/** The table for the HTML report; `text` escapes every string from the run. */
export function rollingTableHtml(rolling: ReportRolling, text: (value: string) => string): string {
  const head = ['Host', 'Batch', 'State', ...rolling.subSteps.map((sub) => sub.title)]
    .map((title) => `<th>${text(title)}</th>`)
    .join('');
  const rows = rolling.hosts
    .map(
      (host) =>
        `<tr><td>${text(host.name)}</td><td>${host.batch}</td><td>${text(hostText(host))}</td>` +
        host.cells
          .map((cell) => `<td class="status-${text(cell.status)}">${text(cellText(cell))}</td>`)
          .join('') +
        '</tr>',
    )
    .join('');
  return (
    `<p><strong>Hosts</strong> (${text(rolling.pattern)} from ${text(rolling.inventoryFile)}, ${rolling.batchCount} batches` +
    `${rolling.drainCap === null ? '' : `, at most ${rolling.drainCap} out of service`}):</p>` +
    `<table class="rolling-hosts"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`
  );
}

/** The table for the Markdown report; `inline` makes a string from the run literal on one line. */
export function rollingTableMarkdown(rolling: ReportRolling, inline: (value: string) => string): string[] {
  // inline() escapes Markdown syntax, pipes included, so a reason cannot break the table.
  const cell = inline;
  const titles = ['Host', 'Batch', 'State', ...rolling.subSteps.map((sub) => sub.title)];
  return [
    `Hosts (${cell(rolling.pattern)} from ${cell(rolling.inventoryFile)}, ${rolling.batchCount} batches):`,
    '',
    `| ${titles.map(cell).join(' | ')} |`,
    `| ${titles.map(() => '---').join(' | ')} |`,
    ...rolling.hosts.map(
      (host) =>
        `| ${[cell(host.name), String(host.batch), cell(hostText(host)), ...host.cells.map((c) => cell(cellText(c)))].join(' | ')} |`,
    ),
    '',
  ];
}
