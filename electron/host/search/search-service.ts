import type { Database, Statement } from 'better-sqlite3';
import {
  RpcError,
  type Params,
  type RunDetail,
  type SearchGroup,
  type SearchHit,
  type SearchResult,
} from '../../../shared/contract/index';
import { buildSnippet } from './snippet';
import { allWordsQuery, phraseQuery, queryWords } from './search-words';
import { runbookTexts, runTexts, transcriptTexts, type RawHit, type TierQuery } from './search-sources';
import { chunkExcerpt } from './transcript-excerpt';
import { TranscriptLocator } from './transcript-locator';

/**
 * Full-text search over runbooks, run notes (and any kind of text a later migration indexes in
 * search_text) and run transcripts. Ranking: every hit of the exact phrase comes before any hit
 * that only has all the words; within a tier, FTS5's bm25. Hits are grouped by run, then step.
 */
export class SearchService {
  private readonly locator: TranscriptLocator;
  private readonly titleOf: Statement;

  constructor(private readonly db: Database) {
    this.locator = new TranscriptLocator(db);
    this.titleOf = db.prepare('SELECT title FROM run_steps WHERE run_id = ? AND step_key = ?');
  }

  query(params: Params<'search.query'>): SearchResult {
    const words = queryWords(params.text);
    if (words.length === 0)
      throw new RpcError(
        'invalid_params',
        'params.text: the search needs a letter or a digit',
        'params.text',
      );
    const tiers: TierQuery[] = [{ tier: 0, match: phraseQuery(words), exclude: null }];
    if (words.length > 1) tiers.push({ tier: 1, match: allWordsQuery(words), exclude: phraseQuery(words) });
    const take = params.limit + 1;
    const ranked = this.db
      .transaction(() => {
        const found: RawHit[] = [];
        for (const query of tiers) {
          // Every hit of a tier ranks before any of the next: once a tier fills the page (and says
          // it is truncated), the next is not asked. For a common phrase that was two thirds of
          // the time (its all-words tier ranks every chunk with both words).
          if (found.length >= take) break;
          found.push(
            ...[
              ...runTexts(this.db, query, params.filters, take),
              ...transcriptTexts(this.db, query, params.filters, take),
              ...runbookTexts(this.db, query, params.filters, take),
            ].sort((a, b) => a.score - b.score),
          );
        }
        return found;
      })
      .deferred();
    const kept = ranked.slice(0, params.limit);
    return {
      groups: this.group(kept, words),
      hitCount: kept.length,
      truncated: ranked.length > params.limit,
      catchingUp: false,
    };
  }

  private group(raw: readonly RawHit[], words: readonly string[]): SearchGroup[] {
    const groups = new Map<string, SearchGroup>();
    for (const item of raw) {
      const located = item.kind === 'transcript' ? this.locator.locate(item) : undefined;
      const stepKey = located?.stepKey ?? item.stepKey;
      const group = this.groupFor(groups, item);
      if (group === undefined) continue;
      let step = group.steps.find((candidate) => candidate.stepKey === stepKey);
      if (step === undefined) {
        const title = stepKey === null ? null : this.stepTitle(item.runId, stepKey);
        step = { stepKey, stepTitle: title, hits: [] };
        group.steps.push(step);
      }
      step.hits.push(toHit({ ...item, body: this.bodyOf(item, words) }, words, located?.atMs ?? null));
    }
    return [...groups.values()];
  }

  /** A transcript hit's text comes from its chunk, read only for the hits shown. */
  private bodyOf(item: RawHit, words: readonly string[]): string {
    if (item.kind !== 'transcript' || item.chunk === null) return item.body;
    return chunkExcerpt(item.chunk.data, words, item.tier === 0);
  }

  /** A step's title from its row (migration 0010's indexed column): no run state is parsed. */
  private stepTitle(runId: string | null, stepKey: string): string {
    if (runId === null) return stepKey;
    const row = this.titleOf.get(runId, stepKey) as { title: string } | undefined;
    return row?.title ?? stepKey;
  }

  private groupFor(groups: Map<string, SearchGroup>, item: RawHit): SearchGroup | undefined {
    const key = item.runId ?? `runbook:${item.runbookId ?? ''}`;
    const known = groups.get(key);
    if (known !== undefined) return known;
    const group = item.runId === null ? this.runbookGroup(item) : this.runGroup(item.runId);
    if (group !== undefined) groups.set(key, group);
    return group;
  }

  private runGroup(runId: string): SearchGroup | undefined {
    // The header only (migration 0010): steps and notes are rows of their own.
    const row = this.db.prepare('SELECT state_json FROM runs WHERE id = ?').get(runId) as
      { state_json: string } | undefined;
    const state = row === undefined ? undefined : (JSON.parse(row.state_json) as Pick<RunDetail, 'run'>);
    if (state === undefined) return undefined;
    const { run } = state;
    return {
      runId,
      runbookId: run.runbookId,
      runbookTitle: run.runbookTitle,
      revision: run.revision,
      environmentName: run.environment.name,
      environmentKind: run.environment.kind,
      mode: run.mode,
      operator: run.operator,
      status: run.status,
      createdAt: run.createdAt,
      steps: [],
    };
  }

  private runbookGroup(item: RawHit): SearchGroup | undefined {
    const row = this.db.prepare('SELECT title FROM runbooks WHERE id = ?').get(item.runbookId) as
      { title: string } | undefined;
    if (row === undefined || item.runbookId === null || item.revision === null) return undefined;
    return {
      runId: null,
      runbookId: item.runbookId,
      runbookTitle: row.title,
      revision: item.revision,
      environmentName: null,
      environmentKind: null,
      mode: null,
      operator: null,
      status: null,
      createdAt: null,
      steps: [],
    };
  }
}

function toHit(item: RawHit, words: readonly string[], atMs: number | null): SearchHit {
  return {
    kind: item.kind,
    exact: item.tier === 0,
    snippet: buildSnippet(item.body, words),
    author: item.author,
    at: item.at,
    revision: item.revision,
    ref: item.ref,
    sessionId: item.sessionId,
    atMs,
  };
}
