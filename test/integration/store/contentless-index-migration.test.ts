import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { methods } from '../../../shared/contract/index';
import { SearchService } from '../../../electron/host/search/search-service';
import { phraseQuery, queryWords } from '../../../electron/host/search/search-words';
import { openDatabase } from '../../../electron/host/store/database';
import { databaseFileName } from '../../../electron/host/store/data-dir';
import { makeTempDir } from '../../support/temp-dir';

/** Made by the code before migration 0010 (test/fixtures/databases/make-schema-9-db.ts says how). */
const fixtureDb = join(import.meta.dirname, '../../fixtures/databases/schema-9-runs.db');

type Found = Array<{ rowid: number; session_id: string; seq: number }>;

/** Every word of every indexed chunk, and the rows FTS5 finds for it, read by plain SQL. */
function indexByWord(file: string, words?: readonly string[]): Map<string, Found> {
  const db = new Database(file, { readonly: true });
  try {
    const all = words ?? [
      ...new Set(
        (db.prepare('SELECT text FROM terminal_text').all() as Array<{ text: string }>).flatMap((row) =>
          queryWords(row.text),
        ),
      ),
    ];
    const find = db.prepare(
      'SELECT rowid, session_id, seq FROM terminal_text WHERE terminal_text MATCH ? ORDER BY rowid',
    );
    return new Map(all.map((word) => [word, find.all(phraseQuery([word])) as Found]));
  } finally {
    db.close();
  }
}

/**
 * Issue 16: migration 0011 makes the transcript index contentless. On a database made by the
 * code before it, every word finds the same chunks (same rowid, session and seq) afterwards, the
 * index holds none of the text, and run search still shows a snippet, read from the chunk.
 */
describe('migration 0011 on a schema-9 database', () => {
  const temp = makeTempDir('handrail-migrate-0011-');
  afterAll(() => temp.remove());
  const file = join(temp.path, databaseFileName);
  copyFileSync(fixtureDb, file);
  const before = indexByWord(file);

  it('finds the same chunks for every word, and keeps no text', () => {
    expect(before.size).toBeGreaterThan(20);
    expect([...before.values()].every((rows) => rows.length > 0)).toBe(true);
    openDatabase(file).close();
    expect(indexByWord(file, [...before.keys()])).toEqual(before);
    const db = new Database(file, { readonly: true });
    try {
      const kept = db.prepare('SELECT count(*) AS n FROM terminal_text WHERE text IS NOT NULL').get() as {
        n: number;
      };
      expect(kept.n).toBe(0);
      const columns = db.prepare('PRAGMA table_info(terminal_text_content)').all() as Array<{ name: string }>;
      // rowid, session_id and seq; the text (c0) is not stored.
      expect(columns.map((column) => column.name)).toEqual(['id', 'c1', 'c2']);
    } finally {
      db.close();
    }
  });

  it('shows run hits with snippets read from their chunks', () => {
    const db = openDatabase(file);
    try {
      const result = new SearchService(db).query(
        methods['search.query'].params.parse({ text: 'onerror', limit: 10 }),
      );
      const hits = result.groups.flatMap((group) => group.steps.flatMap((step) => step.hits));
      const transcript = hits.find((hit) => hit.kind === 'transcript');
      expect(transcript).toBeDefined();
      const range = transcript?.snippet.highlights[0];
      expect(range && transcript?.snippet.text.slice(range.start, range.end)).toBe('onerror');
    } finally {
      db.close();
    }
  });
});
