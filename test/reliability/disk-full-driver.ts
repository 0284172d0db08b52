import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../electron/host/store/database';
import { RunbookRepository } from '../../electron/host/store/runbook-repository';
import { prepareControlDir } from '../../electron/host/terminal/ssh/control-dir';
import { TranscriptStore } from '../../electron/host/terminal/transcript/transcript-store';
import { fillUpTo } from '../support/small-filesystem';
import { CountingSink, startSession } from '../support/session-runner';

export interface DiskFullCounters {
  /** Write failures the store reported (the session's log, the repository's exception). */
  errorsReported: number;
  /** Exceptions that escaped where the host expects none (a session's output path). */
  crashes: number;
  /** `PRAGMA integrity_check` answers other than "ok". */
  integrityFailures: number;
  /** Writes that still failed after space was freed. */
  failedAfterFree: number;
}

/** `PRAGMA integrity_check` on an open database: 0 when it answers "ok", else 1. */
export function integrityFailures(db: Database): number {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.length === 1 && rows[0]?.integrity_check === 'ok' ? 0 : 1;
}

/**
 * With the data folder on a small filesystem: fill it to `leaveBytes`, then record a terminal
 * printing `outputBytes` and save a runbook of `runbookBytes` (both must fail and be reported,
 * with the database intact), free the space (or not, to inject a fault), and write both again.
 */
export async function diskFullRound(
  dataDir: string,
  options: { freeSpace: boolean; leaveBytes: number; outputBytes: number; runbookBytes: number },
): Promise<DiskFullCounters> {
  const counters: DiskFullCounters = {
    errorsReported: 0,
    crashes: 0,
    integrityFailures: 0,
    failedAfterFree: 0,
  };
  const db = openDatabase(join(dataDir, 'handrail.db'));
  // Its index worker holds the file open too: closed before the filesystem is unmounted.
  const store = new TranscriptStore(db);
  try {
    const repository = new RunbookRepository(db);
    const controlDir = prepareControlDir(dataDir);
    const filler = fillUpTo(dataDir, options.leaveBytes);

    const full = await recordOutput(store, dataDir, controlDir, options.outputBytes);
    counters.errorsReported += full.errors;
    counters.crashes += full.crashed ? 1 : 0;
    try {
      repository.create(aRunbook(options.runbookBytes));
    } catch {
      counters.errorsReported++;
    }
    counters.integrityFailures += integrityFailures(db);

    if (options.freeSpace) rmSync(filler);
    const after = await recordOutput(store, dataDir, controlDir, Math.min(options.outputBytes, 200_000));
    counters.crashes += after.crashed ? 1 : 0;
    if (after.errors > 0 || after.storedBytes < after.expectedBytes) counters.failedAfterFree++;
    try {
      repository.create(aRunbook(options.runbookBytes));
    } catch {
      counters.failedAfterFree++;
    }
    counters.integrityFailures += integrityFailures(db);
    return counters;
  } finally {
    await store.indexer.close();
    db.close();
  }
}

/** A terminal whose program prints `bytes` bytes with no newline (stored as written). */
async function recordOutput(
  store: TranscriptStore,
  dir: string,
  controlDir: string,
  bytes: number,
): Promise<{ errors: number; crashed: boolean; storedBytes: number; expectedBytes: number }> {
  const errors: unknown[] = [];
  const sink = new CountingSink();
  try {
    const session = startSession({
      store,
      dir,
      controlDir,
      sink,
      target: {
        kind: 'local',
        shell: '/usr/bin/env',
        args: ['sh', '-c', `head -c ${bytes} /dev/zero | tr '\\0' x`],
      },
      log: (_message, error) => errors.push(error),
    });
    await sink.ended();
    session.close();
    const storedBytes = store.readRange(session.id, 0, Number.MAX_SAFE_INTEGER).length;
    return { errors: errors.length, crashed: false, storedBytes, expectedBytes: bytes };
  } catch {
    return { errors: errors.length, crashed: true, storedBytes: 0, expectedBytes: bytes };
  }
}

function aRunbook(bytes: number): { title: string; description: string; source: string } {
  const source = `---\ntitle: Filler\n---\n\n# Filler\n\n${'Some text of the guide. '.repeat(bytes / 24)}\n`;
  return { title: 'Disk full', description: 'written when the disk is full', source };
}
