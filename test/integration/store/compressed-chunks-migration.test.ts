import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { zstdCompressSync } from 'node:zlib';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { methods } from '../../../shared/contract/index';
import { ReplayService } from '../../../electron/host/replay/replay-service';
import { SearchService } from '../../../electron/host/search/search-service';
import { openDatabase } from '../../../electron/host/store/database';
import { databaseFileName } from '../../../electron/host/store/data-dir';
import { zstdEncoding } from '../../../electron/host/terminal/transcript/chunk-codec';
import { TranscriptStore } from '../../../electron/host/terminal/transcript/transcript-store';
import { makeTempDir } from '../../support/temp-dir';

/** Made by the code before migration 0010 (test/fixtures/databases/make-schema-9-db.ts says how). */
const fixtureDb = join(import.meta.dirname, '../../fixtures/databases/schema-9-runs.db');

/** What a reader of a database sees: every session's replay pages and a few searches. */
function seen(file: string) {
  const db = openDatabase(file);
  try {
    const sessions = (
      db.prepare('SELECT id FROM terminal_sessions ORDER BY id').all() as Array<{ id: string }>
    ).map((row) => row.id);
    const replay = new ReplayService(db);
    const search = new SearchService(db);
    return {
      pages: sessions.map((sessionId) =>
        replay.chunks(methods['replay.chunks'].params.parse({ sessionId, afterSeq: 0, limit: 1000 })),
      ),
      searches: ['onerror', 'hello', 'rolling web'].map((text) =>
        search.query(methods['search.query'].params.parse({ text, limit: 20 })),
      ),
    };
  } finally {
    db.close();
  }
}

/** Every chunk's stored bytes, by plain SQL (the schema-9 file has no encoding column). */
function rawChunks(file: string): Map<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT session_id, seq, data FROM terminal_chunks').all() as Array<{
      session_id: string;
      seq: number;
      data: Buffer;
    }>;
    return new Map(rows.map((row) => [`${row.session_id}/${row.seq}`, row.data.toString('base64')]));
  } finally {
    db.close();
  }
}

/** Rewrites every chunk of a migrated file zstd-compressed, as the writer stores new ones. */
function packAll(file: string): void {
  const db = new Database(file);
  try {
    const rows = db.prepare('SELECT rowid AS id, data FROM terminal_chunks').all() as Array<{
      id: number;
      data: Buffer;
    }>;
    const update = db.prepare('UPDATE terminal_chunks SET data = ?, encoding = ?, bytes = ? WHERE rowid = ?');
    db.transaction(() => {
      for (const row of rows) {
        const packed = zstdCompressSync(row.data);
        update.run(packed, zstdEncoding, row.data.length, row.id);
      }
    }).immediate();
  } finally {
    db.close();
  }
}

/**
 * Issue 16: migration 0014 lets transcript chunks be stored zstd-compressed. Rows a database
 * already holds stay raw (encoding 0, no `bytes`) and replay as their bytes; and the same rows
 * stored compressed replay and search exactly as the raw ones (snippets are read from chunks).
 */
describe('migration 0014 on a schema-9 database', () => {
  const temp = makeTempDir('handrail-migrate-0014-');
  afterAll(() => temp.remove());

  it('replays and searches old raw rows as their bytes, and the same compressed', () => {
    const after = join(temp.path, databaseFileName);
    const packed = join(temp.path, `packed-${databaseFileName}`);
    copyFileSync(fixtureDb, after);
    const raw = rawChunks(after);
    const old = seen(after);
    const replayed = new Map(
      old.pages.flatMap((page, index) =>
        page.chunks.map((chunk) => [`${index}/${chunk.seq}`, chunk.data] as const),
      ),
    );
    expect(replayed.size).toBe(raw.size);
    expect([...replayed.values()].sort()).toEqual([...raw.values()].sort());
    expect(old.searches.some((result) => result.groups.length > 0)).toBe(true);
    const db = new Database(after, { readonly: true });
    try {
      const kept = db.prepare(
        'SELECT count(*) AS n FROM terminal_chunks WHERE encoding = 0 AND bytes IS NULL',
      );
      expect(kept.get()).toEqual({ n: raw.size });
    } finally {
      db.close();
    }
    copyFileSync(after, packed);
    packAll(packed);
    expect(seen(packed)).toEqual(old);
  });
});

/**
 * Compressed chunks read back byte-identical: a stream written in random pieces, committed at
 * random points, gives back any range [start, end) (across chunk boundaries) and the whole
 * stream, as it was appended; the tail's bytes are the stream's end.
 */
describe('compressed transcript chunks', () => {
  const temp = makeTempDir('handrail-chunks-');
  const db = openDatabase(join(temp.path, databaseFileName));
  const store = new TranscriptStore(db);
  afterAll(async () => {
    await store.indexer.close();
    db.close();
    temp.remove();
  });
  let sessions = 0;

  const piece = fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
    fc
      .tuple(
        fc.constantFrom('TASK [nova] ', 'ok: controller-01\n', '\x1b[32mchanged\x1b[0m ', 'Größe 日本語\n'),
        fc.nat(400),
      )
      .map(([text, times]) => Buffer.from(text.repeat(times + 1))),
  );

  it('reads back every range as appended', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(piece, fc.boolean()), { minLength: 1, maxLength: 40 }),
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        (pieces, [a, b]) => {
          const id = `s${(sessions += 1)}`;
          store.createSession({
            id,
            kind: 'local',
            title: id,
            profile: '{}',
            cols: 80,
            rows: 24,
            startedAt: 'now',
          });
          const writer = store.writer(id, (error) => {
            throw error;
          });
          pieces.forEach(([data, commit], index) => {
            writer.append(data, index * 20);
            if (commit) writer.flush();
          });
          writer.close();
          const stream = Buffer.concat(pieces.map(([data]) => data));
          const start = Math.floor(Math.min(a, b) * stream.length);
          const end = Math.ceil(Math.max(a, b) * stream.length);
          expect(Buffer.concat(store.chunks(id).map((chunk) => chunk.data)).equals(stream)).toBe(true);
          expect(store.readRange(id, start, end).equals(stream.subarray(start, end))).toBe(true);
          const tail = store.tail(id, 4096);
          expect(tail?.data.equals(stream.subarray(tail.offset))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
    // The repeated log lines are stored compressed (the random bytes mostly are not).
    const packed = db
      .prepare('SELECT count(*) AS n FROM terminal_chunks WHERE encoding = ?')
      .get(zstdEncoding);
    expect((packed as { n: number }).n).toBeGreaterThan(0);
  });
});
