import type { Database } from 'better-sqlite3';
import type { ReviewEntry } from '../../../shared/contract/index';

interface EntryRow {
  seq: number;
  kind: ReviewEntry['kind'];
  step_key: string | null;
  author: string;
  at: string;
  text: string;
  verdict: ReviewEntry['verdict'];
}

export type NewReviewEntry = Omit<ReviewEntry, 'seq'>;

/** Review entries of local and imported runs (migration 0006): append-only, in order per run. */
export class ReviewStore {
  constructor(private readonly db: Database) {}

  entries(runId: string): ReviewEntry[] {
    const rows = this.db
      .prepare(`SELECT * FROM review_entries WHERE run_id = ? ORDER BY seq`)
      .all(runId) as EntryRow[];
    return rows.map((row) => ({
      seq: row.seq,
      kind: row.kind,
      stepKey: row.step_key,
      author: row.author,
      at: row.at,
      text: row.text,
      verdict: row.verdict,
    }));
  }

  add(runId: string, entry: NewReviewEntry): ReviewEntry {
    return this.db
      .transaction(() => {
        const { seq } = this.db
          .prepare(`SELECT COALESCE(MAX(seq) + 1, 0) AS seq FROM review_entries WHERE run_id = ?`)
          .get(runId) as { seq: number };
        this.db
          .prepare(
            `INSERT INTO review_entries (run_id, seq, kind, step_key, author, at, text, verdict)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(runId, seq, entry.kind, entry.stepKey, entry.author, entry.at, entry.text, entry.verdict);
        return { seq, ...entry };
      })
      .immediate();
  }

  /**
   * An imported bundle's entries, in their order, after those already here: an entry already
   * kept (same content) is not added twice, so importing the same bundle again changes nothing.
   */
  importEntries(runId: string, entries: readonly ReviewEntry[]): void {
    this.db
      .transaction(() => {
        const known = new Set(this.entries(runId).map(contentKey));
        for (const entry of entries) {
          if (known.has(contentKey(entry))) continue;
          const { seq: _seq, ...content } = entry;
          this.add(runId, content);
          known.add(contentKey(entry));
        }
      })
      .immediate();
  }
}

function contentKey(entry: ReviewEntry): string {
  return JSON.stringify([entry.kind, entry.stepKey, entry.author, entry.at, entry.text, entry.verdict]);
}
