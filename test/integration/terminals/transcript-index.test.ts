import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { methods } from '../../../shared/contract/index';
import { searchHandlers } from '../../../electron/host/rpc/search-handlers';
import { SearchService } from '../../../electron/host/search/search-service';
import { openDatabase } from '../../../electron/host/store/database';
import { TranscriptStore } from '../../../electron/host/terminal/transcript/transcript-store';
import { referencePlainText } from '../../support/reference-plain-text';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Issue 17: the recorder stores raw chunks and a worker thread indexes them afterwards
 * (transcript-indexer.ts, index-worker.ts). Checked here: what the worker indexes equals an
 * independent reading of the stream, chunk by chunk; what a killed host stored is indexed at the
 * next start, once; a search answered before the index caught up says so.
 */
let dir: ReturnType<typeof makeTempDir> | undefined;
const stores: TranscriptStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.indexer.close();
  dir?.remove();
  dir = undefined;
});

function open(): { db: Database; store: TranscriptStore; file: string } {
  dir ??= makeTempDir('handrail-index-');
  const file = join(dir.path, 'handrail.db');
  const db = openDatabase(file);
  const store = new TranscriptStore(db, (error) => {
    throw error;
  });
  stores.push(store);
  return { db, store, file };
}

function newSession(store: TranscriptStore): string {
  const id = randomUUID();
  store.createSession({
    id,
    kind: 'local',
    title: 'index',
    profile: '{}',
    cols: 80,
    rows: 24,
    startedAt: '2026-01-01T00:00:00.000Z',
  });
  return id;
}

/**
 * Each chunk's text as the test reads it: the plain text of the stream up to the chunk's end less
 * that up to its start (referencePlainText is the escape rules written out slowly; Node's own
 * StringDecoder holds back a character cut by the boundary, as a stream decoder must).
 */
function expectedTexts(chunks: readonly Buffer[]): string[] {
  const decoder = new StringDecoder('utf8');
  let decoded = '';
  let before = '';
  return chunks.map((chunk) => {
    decoded += decoder.write(chunk);
    const plain = referencePlainText(decoded);
    const text = plain.slice(before.length);
    before = plain;
    return text;
  });
}

/**
 * Terms and their positions in each row of an FTS5 table, rows in rowid order (fts5vocab); only
 * the rows in `docs` when it is given.
 */
function termsByRow(db: Database, table: string, docs?: ReadonlySet<number>): string[][] {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${table}_terms USING fts5vocab(main, ${table}, instance)`);
  const rows = new Map<number, string[]>();
  for (const row of db
    .prepare(`SELECT term, doc, offset FROM temp.${table}_terms ORDER BY doc, offset`)
    .all() as Array<{ term: string; doc: number; offset: number }>) {
    if (docs !== undefined && !docs.has(row.doc)) continue;
    const terms = rows.get(row.doc) ?? [];
    terms.push(`${row.offset}:${row.term}`);
    rows.set(row.doc, terms);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, terms]) => terms);
}

/** The same texts indexed by FTS5 itself, with content, in a scratch database. */
function referenceTerms(texts: readonly string[]): string[][] {
  const db = new BetterSqlite3(':memory:');
  try {
    db.exec('CREATE VIRTUAL TABLE reference USING fts5(text)');
    const insert = db.prepare('INSERT INTO reference (text) VALUES (?)');
    for (const text of texts) if (text.trim() !== '') insert.run(text);
    return termsByRow(db, 'reference');
  } finally {
    db.close();
  }
}

const pieces = [
  'ok: [controller-01] ',
  '\x1b[0;32mchanged\x1b[0m ',
  'TASK [nova : bootstrap] ****\r\n',
  'Größe überprüft ',
  '\x1b]0;kolla-ansible\x07',
  '\x1b[1;31mfatal\x1b[0m: unreachable\r\n',
  'plain words here\n',
];

describe('the index worker', () => {
  test('indexes each chunk as an independent reading of the stream does, at any cut', async () => {
    const { db, store } = open();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }),
        async (words, cuts) => {
          const stream = Buffer.from(words.join(''));
          const chunks: Buffer[] = [];
          for (let at = 0, index = 0; at < stream.length; index++) {
            const size = cuts[index % cuts.length] ?? 1;
            chunks.push(stream.subarray(at, at + size));
            at += size;
          }
          const sessionId = newSession(store);
          const writer = store.writer(sessionId, (error) => {
            throw error;
          });
          // One chunk per flush: escapes and UTF-8 characters are cut across chunks, and across
          // the worker's transactions (four chunks each).
          chunks.forEach((chunk, index) => {
            writer.append(chunk, index * 100);
            writer.flush();
          });
          writer.close();
          store.endSession(sessionId, { endedAt: '2026-01-01T00:01:00.000Z', exitCode: 0, complete: true });
          expect(await store.indexer.caughtUp(30_000)).toBe(true);
          const docs = new Set(
            db
              .prepare('SELECT rowid FROM terminal_text WHERE session_id = ?')
              .pluck()
              .all(sessionId) as number[],
          );
          expect(termsByRow(db, 'terminal_text', docs)).toEqual(referenceTerms(expectedTexts(chunks)));
        },
      ),
      { numRuns: 40 },
    );
  });

  test('does not keep a finished process alive', async () => {
    const { store } = open();
    const before = process.getActiveResourcesInfo().filter((kind) => kind === 'MessagePort').length;
    const sessionId = newSession(store);
    const writer = store.writer(sessionId, (error) => {
      throw error;
    });
    writer.append(Buffer.from('one line\r\n'), 0);
    writer.close();
    expect(await store.indexer.caughtUp(30_000)).toBe(true);
    // A worker whose port is referenced keeps the event loop, and so the process, running.
    const after = process.getActiveResourcesInfo().filter((kind) => kind === 'MessagePort').length;
    expect(after).toBe(before);
  });

  test('what a killed host stored is indexed at the next start, exactly once', async () => {
    const first = open();
    const sessionId = newSession(first.store);
    // As a killed host leaves them: chunks committed, the worker never reached them.
    const insert = first.db.prepare(
      'INSERT INTO terminal_chunks (session_id, seq, byte_offset, at_ms, data) VALUES (?, ?, ?, ?, ?)',
    );
    const lines = Array.from({ length: 25 }, (_, index) => `walrus line ${index} of the upgrade\r\n`);
    let offset = 0;
    lines.forEach((line, index) => {
      insert.run(sessionId, index + 1, offset, index, Buffer.from(line));
      offset += line.length;
    });
    first.db.close();

    for (let start = 0; start < 2; start++) {
      const again = open();
      again.store.indexer.start();
      expect(await again.store.indexer.caughtUp(30_000)).toBe(true);
      const found = again.db
        .prepare("SELECT seq FROM terminal_text WHERE terminal_text MATCH 'walrus' ORDER BY seq")
        .pluck()
        .all();
      expect(found).toEqual(lines.map((_, index) => index + 1));
      await again.store.indexer.close();
      again.db.close();
    }
  });

  test('a search answered before the index caught up says so, and finds the output once it has', async () => {
    const first = open();
    const sessionId = newSession(first.store);
    first.db
      .prepare(
        'INSERT INTO terminal_chunks (session_id, seq, byte_offset, at_ms, data) VALUES (?, ?, ?, ?, ?)',
      )
      .run(sessionId, 1, 0, 0, Buffer.from('a pelican flew by\r\n'));
    first.db.close();
    const { db, store, file } = open();
    const search = searchHandlers(new SearchService(db), store.indexer)['search.query'];
    const ask = async () =>
      (await search?.(methods['search.query'].params.parse({ text: 'pelican' }), undefined as never)) as {
        catchingUp: boolean;
        hitCount: number;
      };
    // Another connection holds the write lock, so the worker cannot index the chunk yet.
    const blocker = new BetterSqlite3(file);
    blocker.exec('BEGIN IMMEDIATE');
    store.indexer.start();
    expect(await ask()).toMatchObject({ catchingUp: true, hitCount: 0 });
    blocker.exec('COMMIT');
    blocker.close();
    expect(await store.indexer.caughtUp(30_000)).toBe(true);
    expect(await ask()).toMatchObject({ catchingUp: false });
    // The chunk is in the index; the run search shows no hit because the session is in no run.
    expect(
      db.prepare("SELECT count(*) FROM terminal_text WHERE terminal_text MATCH 'pelican'").pluck().get(),
    ).toBe(1);
  });
});
