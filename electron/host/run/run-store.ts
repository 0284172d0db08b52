import type { Database } from 'better-sqlite3';
import {
  RpcError,
  type RunDetail,
  type RunSummary,
  type RunTally,
  type StepStatus,
  type StepTally,
} from '../../../shared/contract/index';
import type { Runbook } from '../../../shared/runbook/index';
import { tallySteps, tallyStatuses } from '../../../shared/run/index';
import { parseRunbook, RunbookInputError } from '../runbook/index';

/**
 * Read-side queries over runs (the write side is the event log). Revisions are read directly,
 * not through the library, so a run keeps working after its runbook left the library.
 */
export class RunStore {
  private readonly runbooks = new Map<string, Runbook>();
  private readonly hostTallies = new Map<string, { eventCount: number; tally: StepTally }>();

  constructor(private readonly db: Database) {}

  /** The id of an active or paused run in the environment, if there is one. */
  activeRunIn(environmentId: string): string | undefined {
    const row = this.db
      .prepare(`SELECT id FROM runs WHERE environment_id = ? AND status IN ('active', 'paused') LIMIT 1`)
      .get(environmentId) as { id: string } | undefined;
    return row?.id;
  }

  /** Runs whose state may need attention after a restart. */
  unfinishedRunIds(): string[] {
    const rows = this.db
      .prepare(`SELECT id FROM runs WHERE status IN ('active', 'paused') ORDER BY created_at`)
      .all() as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** The newest revision of a runbook in the library; `not_found` for a missing or deleted one. */
  headRevision(runbookId: string): number {
    const row = this.db
      .prepare(`SELECT head_revision FROM runbooks WHERE id = ? AND deleted_at IS NULL`)
      .get(runbookId) as { head_revision: number } | undefined;
    if (row === undefined)
      throw new RpcError('not_found', `no runbook with id ${runbookId}`, 'params.runbookId');
    return row.head_revision;
  }

  exists(runId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM runs WHERE id = ?`).get(runId) !== undefined;
  }

  /**
   * Every run, newest first, summarised from its cached state. Host steps are not in state_json
   * (they have rows of their own): a run the engine holds in memory is counted from its state;
   * any other is counted by SQLite from its rows, once per log length (a finished run's count
   * never changes, so it is read once per host process).
   */
  list(liveState: (runId: string) => RunDetail | undefined = () => undefined): RunSummary[] {
    const rows = this.db
      .prepare(`SELECT id, event_count, state_json FROM runs ORDER BY created_at DESC, id`)
      .all() as Array<{ id: string; event_count: number; state_json: string }>;
    return rows.map((row) => {
      const live = liveState(row.id);
      if (live !== undefined) return summarise(live, tallySteps(live.steps));
      const state = JSON.parse(row.state_json) as RunDetail;
      const tally = {
        steps: tallySteps(state.steps).steps,
        hostSteps: this.hostTally(row.id, row.event_count),
      };
      return summarise(state, tally);
    });
  }

  private hostTally(runId: string, eventCount: number): StepTally {
    const known = this.hostTallies.get(runId);
    if (known?.eventCount === eventCount) return known.tally;
    const counted = this.db
      .prepare(
        `SELECT json_extract(state_json, '$.status') AS status, count(*) AS n
           FROM run_host_steps WHERE run_id = ? GROUP BY status`,
      )
      .all(runId) as Array<{ status: StepStatus; n: number }>;
    const tally = tallyStatuses(counted.map(({ status, n }) => [status, n] as const));
    this.hostTallies.set(runId, { eventCount, tally });
    return tally;
  }

  /** The pinned revision, parsed (revisions are immutable, so it is parsed once per host). */
  runbook(runbookId: string, revision: number, field = 'params.revision'): Runbook {
    const key = `${runbookId}@${revision}`;
    const known = this.runbooks.get(key);
    if (known !== undefined) return known;
    const row = this.db
      .prepare(`SELECT source FROM runbook_revisions WHERE runbook_id = ? AND revision = ?`)
      .get(runbookId, revision) as { source: string } | undefined;
    if (row === undefined)
      throw new RpcError('not_found', `runbook ${runbookId} has no revision ${revision}`, field);
    try {
      const parsed = parseRunbook(row.source, `${runbookId}-r${revision}.md`);
      this.runbooks.set(key, parsed);
      return parsed;
    } catch (error) {
      if (!(error instanceof RunbookInputError)) throw error;
      throw new RpcError(
        'invalid_params',
        `revision ${revision} of the runbook does not parse: ${error.message}`,
        field,
      );
    }
  }
}

function summarise(state: RunDetail, tally: RunTally): RunSummary {
  const { run } = state;
  const end = run.endedAt ?? new Date().toISOString();
  return {
    id: run.id,
    runbookTitle: run.runbookTitle,
    revision: run.revision,
    environmentName: run.environment.name,
    environmentKind: run.environment.kind,
    environmentColour: run.environment.colour,
    mode: run.mode,
    operator: run.operator,
    status: run.status,
    createdAt: run.createdAt,
    endedAt: run.endedAt,
    durationSeconds: Math.max(0, (Date.parse(end) - Date.parse(run.createdAt)) / 1000),
    tally,
  };
}
