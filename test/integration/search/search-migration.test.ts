import { afterEach, expect, test } from 'vitest';
import { openDatabase } from '../../../electron/host/store/database';
import { migrations } from '../../../electron/host/store/migrations/index';
import { SearchService } from '../../../electron/host/search/search-service';
import { methods } from '../../../shared/contract/index';
import { CorpusBuilder } from './search-corpus';

let corpus: CorpusBuilder | undefined;
afterEach(() => corpus?.close());

test('migration 0007 indexes the runbooks, notes and transcripts written before it', () => {
  corpus = new CorpusBuilder(migrations.filter((migration) => migration.version < 7));
  const runbookId = corpus.runbook('Old upgrade', 'Quiesce the ironic conductors first.');
  const environmentId = corpus.environment('old-lab', 'test');
  const run = corpus.run({
    runbookId,
    environmentId,
    operators: ['Ada'],
    status: 'completed',
    day: '2025-01-01',
    notes: [{ stepKey: 'verify', text: 'the conductors came back slowly' }],
    transcript: { 'upgrade-db': 'printed walrus-4410 before the migration' },
  });
  expect(
    corpus.db.prepare(`SELECT name FROM sqlite_master WHERE name = 'search_text'`).get(),
  ).toBeUndefined();
  corpus.closeDatabase();

  const db = openDatabase(corpus.file);
  try {
    const search = new SearchService(db);
    const find = (text: string) => search.query(methods['search.query'].params.parse({ text }));
    expect(find('quiesce ironic').groups).toMatchObject([{ runId: null, runbookId, revision: 1 }]);
    expect(find('conductors came back').groups).toMatchObject([
      { runId: run.id, steps: [{ stepKey: 'verify', hits: [{ kind: 'note', exact: true }] }] },
    ]);
    expect(find('walrus-4410').groups).toMatchObject([
      { runId: run.id, steps: [{ stepKey: 'upgrade-db', hits: [{ kind: 'transcript', atMs: 1000 }] }] },
    ]);
  } finally {
    db.close();
  }
});
