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
   * Every run, newest first, summarised from its header and counted from its step rows by SQLite
   * (migration 0010): a run the engine holds in memory is counted from its state. No step is
   * parsed, so the list costs the same for a run of 5,000 steps as for one of 5.
   */
  list(liveState: (runId: string) => RunDetail | undefined = () => undefined): RunSummary[] {
    const rows = this.db
      .prepare(`SELECT id, state_json FROM runs ORDER BY created_at DESC, id`)
      .all() as Array<{ id: string; state_json: string }>;
    const counted = this.db
      .prepare(
        `SELECT run_id, host_step, status, count(*) AS n FROM run_steps GROUP BY run_id, host_step, status`,
      )
      .all() as Array<{ run_id: string; host_step: number; status: StepStatus; n: number }>;
    return rows.map((row) => {
      const live = liveState(row.id);
      if (live !== undefined) return summarise(live.run, tallySteps(live.steps));
      const mine = counted.filter((count) => count.run_id === row.id);
      const tally = (host: number): StepTally =>
        tallyStatuses(
          mine.filter((count) => count.host_step === host).map(({ status, n }) => [status, n] as const),
        );
      return summarise((JSON.parse(row.state_json) as Pick<RunDetail, 'run'>).run, {
        steps: tally(0),
        hostSteps: tally(1),
      });
    });
  }

  /**
   * The runbook a run was started with, as parsed at its start (run_plans, migration 0010); runs
   * started before that have none, and their pinned revision is parsed.
   */
  runPlan(runId: string, runbookId: string, revision: number): Runbook {
    const row = this.db.prepare(`SELECT runbook_json FROM run_plans WHERE run_id = ?`).get(runId) as
      { runbook_json: string } | undefined;
    return row === undefined ? this.runbook(runbookId, revision) : (JSON.parse(row.runbook_json) as Runbook);
  }

  /** Keeps the parsed runbook with a run that starts now (written once; never changed after). */
  savePlan(runId: string, runbook: Runbook): void {
    this.db
      .prepare(`INSERT OR IGNORE INTO run_plans (run_id, runbook_json) VALUES (?, ?)`)
      .run(runId, JSON.stringify(runbook));
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

function summarise(run: RunDetail['run'], tally: RunTally): RunSummary {
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
    ...(run.approval === undefined ? {} : { approval: run.approval }),
  };
}
