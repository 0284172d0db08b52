import { randomUUID } from 'node:crypto';
import { afterEach, expect, test } from 'vitest';
import { methods } from '../../../shared/contract/index';
import { SearchService } from '../../../electron/host/search/search-service';
import { TranscriptStore } from '../../../electron/host/terminal/transcript/transcript-store';
import { CorpusBuilder } from './search-corpus';

let corpus: CorpusBuilder | undefined;
afterEach(() => corpus?.close());

/**
 * Transcript search ranks a window of chunks first and joins only those to runs. Terminals opened
 * outside any run are indexed too but never shown; when they outrank a run's output many times
 * over, the window must widen until the run's chunk is in it.
 */
test('a run hit is found under hundreds of better-ranked chunks from terminals outside runs', async () => {
  corpus = new CorpusBuilder();
  const runbookId = corpus.runbook('Kolla upgrade', 'Upgrade the database.');
  const environmentId = corpus.environment('lab', 'test');
  const run = corpus.run({
    runbookId,
    environmentId,
    operators: ['Ada'],
    status: 'completed',
    day: '2025-01-01',
    notes: [],
    transcript: {
      'upgrade-db':
        'the schema migration printed many lines about tables, indexes, columns and constraints ' +
        'and somewhere in the middle of it all a single pelican, then more lines about tables',
    },
  });
  const store = new TranscriptStore(corpus.db);
  for (let index = 0; index < 600; index += 1) {
    const id = randomUUID();
    store.createSession({
      id,
      kind: 'local',
      title: 'scratch',
      profile: '{}',
      cols: 80,
      rows: 24,
      startedAt: '2025-01-02T00:00:00.000Z',
    });
    const writer = store.writer(id, (error) => {
      throw error;
    });
    writer.append(Buffer.from('pelican pelican pelican\n'), 0);
    writer.close();
  }

  // Two stores on one database, each with its index worker: both must have caught up.
  await corpus.indexed();
  expect(await store.indexer.caughtUp(30_000)).toBe(true);
  await store.indexer.close();
  const search = new SearchService(corpus.db);
  const result = search.query(methods['search.query'].params.parse({ text: 'pelican', limit: 10 }));
  expect(result.groups.map((group) => group.runId)).toEqual([run.id]);
  expect(result.groups[0]?.steps).toMatchObject([{ stepKey: 'upgrade-db', hits: [{ kind: 'transcript' }] }]);
  expect(result).toMatchObject({ hitCount: 1, truncated: false });
});
