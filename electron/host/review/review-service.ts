import type { Database } from 'better-sqlite3';
import {
  RpcError,
  type Params,
  type ReferenceCandidate,
  type ReviewState,
  type ReviewedRun,
  type RunComparison,
  type RunDetail,
} from '../../../shared/contract/index';
import type { ReportService, RunSource } from '../report/report-service';
import type { SignedPayload } from '../report/signed-payload';
import { parseRunbook } from '../runbook/index';
import { latestAssessment } from './review-digest';
import { ReviewStore } from './review-store';
import { compareRuns, type ComparedRun } from './run-comparison';

/**
 * Review mode and comparison over any run: a local one (the engine's state, the library's
 * revision) or an imported bundle (its own state and runbook source). Reviews are kept in their
 * own table, never in the run's log: reviewing a run changes nothing the operator recorded.
 */
export class ReviewService {
  private readonly store: ReviewStore;

  constructor(
    private readonly db: Database,
    private readonly local: RunSource,
    private readonly reports: ReportService,
  ) {
    this.store = new ReviewStore(db);
  }

  run(runId: string): ReviewedRun {
    if (this.local.exists(runId)) {
      const detail = this.local.state(runId);
      return {
        origin: 'local',
        detail,
        runbookSource: this.local.runbookSource(detail.run.runbookId, detail.run.revision),
      };
    }
    if (!this.reports.importedRuns().some((item) => item.runId === runId))
      throw new RpcError('not_found', `no run or imported run ${runId}`, 'params.runId');
    const { review: _review, ...bundle } = this.reports.bundle(runId);
    return { origin: 'imported', detail: bundle.run, runbookSource: bundle.runbook.source };
  }

  review(runId: string): ReviewState {
    const entries = this.store.entries(runId);
    return {
      runId,
      entries,
      assessment: latestAssessment(entries) ?? null,
      signoffs: this.reports.signaturesOf(runId).flatMap((signature) => {
        if (signature.kind !== 'review') return [];
        const payload = JSON.parse(signature.payload) as SignedPayload;
        return [
          {
            name: signature.name,
            role: signature.role,
            at: signature.at,
            fingerprint: signature.fingerprint,
            entries: payload.review?.entries ?? 0,
            verdict: payload.review?.verdict ?? null,
          },
        ];
      }),
    };
  }

  addComment(params: Params<'reviews.addComment'>): ReviewState {
    const { detail } = this.run(params.runId);
    if (params.stepKey !== null && !detail.steps.some((step) => step.key === params.stepKey))
      throw new RpcError('not_found', `the run has no step ${params.stepKey}`, 'params.stepKey');
    this.store.add(params.runId, {
      kind: 'comment',
      stepKey: params.stepKey,
      author: params.author,
      at: new Date().toISOString(),
      text: params.text,
      verdict: null,
    });
    return this.review(params.runId);
  }

  assess(params: Params<'reviews.assess'>): ReviewState {
    this.run(params.runId);
    this.store.add(params.runId, {
      kind: 'assessment',
      stepKey: null,
      author: params.author,
      at: new Date().toISOString(),
      text: params.text,
      verdict: params.verdict,
    });
    return this.review(params.runId);
  }

  /** Local and imported runs of the same runbook (any revision), newest first, the run itself left out. */
  references(runId: string): ReferenceCandidate[] {
    const { detail } = this.run(runId);
    const runbookId = detail.run.runbookId;
    const local = (
      this.db.prepare(`SELECT id FROM runs WHERE runbook_id = ?`).all(runbookId) as Array<{ id: string }>
    ).map((row) => candidateOf(this.local.state(row.id), 'local'));
    const imported = this.reports.importedRuns().flatMap((item) => {
      const other = this.reports.bundle(item.runId).run;
      return other.run.runbookId === runbookId ? [candidateOf(other, 'imported')] : [];
    });
    return [...local, ...imported]
      .filter((candidate) => candidate.runId !== runId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  compare(runId: string, referenceRunId: string): RunComparison {
    if (runId === referenceRunId)
      throw new RpcError(
        'invalid_params',
        'params.referenceRunId: pick another run to compare with',
        'params.referenceRunId',
      );
    const run = this.compared(runId, 'params.runId');
    const reference = this.compared(referenceRunId, 'params.referenceRunId');
    if (run.detail.run.runbookId !== reference.detail.run.runbookId)
      throw new RpcError(
        'invalid_params',
        `params.referenceRunId: that run is of "${reference.detail.run.runbookTitle}", not of this runbook`,
        'params.referenceRunId',
      );
    return compareRuns(run, reference);
  }

  private compared(runId: string, field: string): ComparedRun {
    let reviewed: ReviewedRun;
    try {
      reviewed = this.run(runId);
    } catch (error) {
      if (error instanceof RpcError) throw new RpcError(error.code, error.message, field);
      throw error;
    }
    const { detail } = reviewed;
    return {
      candidate: candidateOf(detail, reviewed.origin),
      detail,
      runbook: parseRunbook(
        reviewed.runbookSource,
        `${detail.run.runbookTitle} (revision ${detail.run.revision})`,
      ),
    };
  }
}

function candidateOf(detail: RunDetail, origin: 'local' | 'imported'): ReferenceCandidate {
  const { run } = detail;
  const end = run.endedAt === null ? Date.now() : Date.parse(run.endedAt);
  return {
    runId: run.id,
    origin,
    runbookTitle: run.runbookTitle,
    revision: run.revision,
    environmentName: run.environment.name,
    environmentKind: run.environment.kind,
    mode: run.mode,
    operator: run.operator,
    status: run.status,
    createdAt: run.createdAt,
    durationSeconds: Math.max(0, (end - Date.parse(run.createdAt)) / 1000),
  };
}
