import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/host/store/database';
import { TranscriptStore } from '../../electron/host/terminal/transcript/transcript-store';
import type { RecordingReport } from '../../electron/host/terminal/transcript/transcript-writer';
import { fillUpTo, mountSmallFilesystem } from '../support/small-filesystem';
import { makeTempDir } from '../support/temp-dir';
import { reportCounters } from './counters';
import { diskFullRound, integrityFailures } from './disk-full-driver';

const mountSize = 8 * 1024 * 1024;
/** Left free before the writes: room for a session's row, not for its 3 MB of output. */
const round = { leaveBytes: 256 * 1024, outputBytes: 3 * 1024 * 1024, runbookBytes: 1024 * 1024 };

/**
 * Issue 8, disk full: the data folder on an 8 MB tmpfs that fills up while a terminal is
 * recorded and a runbook is saved. The store reports the failures without crashing, the
 * database passes integrity_check, and writes succeed again once space is freed.
 */
describe('disk full', () => {
  const temp = makeTempDir('handrail-diskfull-');
  const mount = mountSmallFilesystem(join(temp.path, 'data'), mountSize);
  afterAll(() => {
    mount.unmount();
    temp.remove();
  });
  beforeAll(() => {
    if (mount.reason !== undefined) console.warn(mount.reason);
  });

  it.skipIf(mount.reason !== undefined)(
    'reports the failures, keeps the database intact and recovers',
    async () => {
      const counters = await diskFullRound(join(temp.path, 'data'), { ...round, freeSpace: true });
      reportCounters('disk-full', { ...counters });
      expect(counters.errorsReported).toBeGreaterThan(0);
      expect(counters).toMatchObject({ crashes: 0, integrityFailures: 0, failedAfterFree: 0 });
    },
  );

  it.skipIf(mount.reason !== undefined)(
    'counts failed writes when no space is freed (the counter can fail)',
    async () => {
      const data = join(temp.path, 'data', 'fault');
      mkdirSync(data);
      const counters = await diskFullRound(data, { ...round, freeSpace: false });
      reportCounters('disk-full (fault injected: space not freed)', { ...counters });
      expect(counters.failedAfterFree).toBeGreaterThan(0);
    },
  );

  it.skipIf(mount.reason !== undefined)(
    'keeps output a full disk refused and writes it once space is freed (no gap)',
    async () => {
      // The test before left its filler (space not freed): this one fills the disk itself.
      rmSync(join(temp.path, 'data', 'fault'), { recursive: true, force: true });
      const data = join(temp.path, 'data', 'held');
      mkdirSync(data);
      const db = openDatabase(join(data, 'handrail.db'));
      // Its index worker holds the file open too: closed before the filesystem is unmounted.
      const store = new TranscriptStore(db);
      try {
        store.createSession({
          id: 'held',
          kind: 'local',
          title: 'held',
          profile: '{}',
          cols: 80,
          rows: 24,
          startedAt: new Date().toISOString(),
        });
        const reports: RecordingReport[] = [];
        const writer = store.writer('held', () => undefined, { onReport: (report) => reports.push(report) });
        const filler = fillUpTo(data, 16 * 1024);
        // Random, so compression (chunk-codec.ts) cannot make it fit the space left.
        const piece = randomBytes(32 * 1024);
        for (let index = 0; index < 16; index++) writer.append(piece, index * 20);
        writer.flush();
        expect(writer.isFailing).toBe(true);
        rmSync(filler);
        const deadline = Date.now() + 10_000;
        while (writer.isFailing && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 50));
        writer.close();
        const stored = store.readRange('held', 0, Number.MAX_SAFE_INTEGER);
        reportCounters('disk-full (held, then freed)', {
          reports: reports.length,
          storedBytes: stored.length,
          lostRanges: reports.reduce((sum, report) => sum + report.lost.length, 0),
        });
        expect(reports.map((report) => report.state)).toEqual(['failing', 'recovered']);
        expect(reports.at(-1)?.lost).toEqual([]);
        expect(stored.equals(Buffer.concat(Array.from({ length: 16 }, () => piece)))).toBe(true);
      } finally {
        await store.indexer.close();
        db.close();
      }
    },
  );

  it('counts an integrity failure in a damaged database (the counter can fail)', () => {
    const file = join(temp.path, 'damaged.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE filler (x TEXT); CREATE INDEX filler_x ON filler (x);');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    db.transaction(() => {
      for (let index = 0; index < 2000; index++) insert.run(`row ${index} `.repeat(20));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    copyFileSync(file, `${file}.orig`);
    // Overwrite the middle of the file (table and index pages) with garbage.
    const handle = openSync(file, 'r+');
    writeSync(handle, Buffer.alloc(8192, 0x5a), 0, 8192, 40_960);
    closeSync(handle);
    const damaged = new BetterSqlite3(file);
    let failures: number;
    try {
      failures = integrityFailures(damaged);
    } catch {
      failures = 1; // SQLite refusing to read it at all counts too
    } finally {
      damaged.close();
    }
    reportCounters('disk-full (fault injected: damaged database)', { integrityFailures: failures });
    expect(failures).toBe(1);
  });
});
