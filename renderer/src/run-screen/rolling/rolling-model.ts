import type { RollingState } from '../../../../shared/contract/index';
import type { StepView } from '../run-model';
import { hostCells, hostOutcome } from '../../../../shared/run/index';

export type GridRow =
  | { type: 'batch'; batch: number; hosts: string[]; current: boolean; finished: boolean }
  | { type: 'host'; host: string; groups: string[]; batch: number; current: boolean; vipHolder: boolean };

/** The grid's rows: each batch's heading, then its hosts, in execution order. */
export function gridRows(rolling: RollingState): GridRow[] {
  const byName = new Map(rolling.hosts.map((host) => [host.name, host]));
  return rolling.batches.flatMap((hosts, batch): GridRow[] => {
    const current = rolling.currentBatch === batch;
    const finished = batch < rolling.finishedBatches;
    return [
      { type: 'batch', batch, hosts, current, finished },
      ...hosts.map((host) => ({
        type: 'host' as const,
        host,
        groups: byName.get(host)?.groups ?? [],
        batch,
        current,
        vipHolder: byName.get(host)?.vipHolder === true,
      })),
    ];
  });
}

export interface GridSummary {
  updated: number;
  failed: number;
  skipped: number;
  remaining: number;
  /** Seconds left at the average pace of the host steps finished so far; null before any finished. */
  secondsLeft: number | null;
}

/** Counts of hosts by state, and the time left from the durations so far. */
export function summarise(
  rollingKey: string,
  rolling: RollingState,
  stepOf: (key: string) => StepView | undefined,
): GridSummary {
  const summary: GridSummary = { updated: 0, failed: 0, skipped: 0, remaining: 0, secondsLeft: null };
  let spent = 0;
  let timed = 0;
  let cellsLeft = 0;
  for (const { name } of rolling.hosts) {
    const cells = hostCells(rollingKey, rolling, name, stepOf);
    const state = hostOutcome(rolling, name, cells);
    if (state === 'updated' || state === 'skipped' || state === 'failed') summary[state] += 1;
    else summary.remaining += 1;
    for (const cell of cells) {
      if (cell === undefined) continue;
      if (cell.status === 'succeeded' && cell.startedAt !== null && cell.endedAt !== null) {
        spent += Math.max(0, (Date.parse(cell.endedAt) - Date.parse(cell.startedAt)) / 1000);
        timed += 1;
      }
      if (state !== 'skipped' && ['pending', 'running', 'failed', 'unknown'].includes(cell.status))
        cellsLeft += 1;
    }
  }
  if (timed > 0) summary.secondsLeft = (spent / timed) * cellsLeft;
  return summary;
}
