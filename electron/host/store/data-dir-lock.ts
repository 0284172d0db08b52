import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

/**
 * One host per data folder. Two hosts on one folder wedge each other: the second start's recovery
 * marks the first host's running command lost, and the first's state falls behind its own log.
 * So a host (the app, `serve`, a CLI command that writes) takes this lock before it opens the
 * database, before recovery, and holds it until it closes.
 *
 * The lock is SQLite's own: an exclusive transaction, never committed, on a small database of its
 * own (`handrail.lock`). SQLite takes it as a POSIX advisory lock (LockFileEx on Windows) that the
 * operating system drops when the process ends, however it ends: a SIGKILL or a power cut leaves
 * no stale lock, where a lock file holding a PID would need a liveness check that a reused PID can
 * fool. Node has no flock/fcntl of its own; better-sqlite3 is already the host's. Like any
 * advisory lock it binds only those who take it (every Handrail entry point that writes), and on
 * a network file system it holds only where the server supports POSIX locks.
 *
 * Who holds it is written beside it (`handrail.lock.json`), for the refusal's message.
 */
export const lockFileName = 'handrail.lock';
const holderFileName = 'handrail.lock.json';

export interface LockHolder {
  pid: number;
  /** What holds it, as a person would name it: "handrail serve", "the Handrail app". */
  owner: string;
  since: string;
}

/** The data folder is open in another Handrail process; nothing was changed. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dir: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(
      holder === undefined
        ? `${dir} is already open by another Handrail process; close it first, or use another data folder`
        : `${dir} is already open by process ${holder.pid} (${holder.owner}, since ${holder.since}); ` +
            'close it first, or use another data folder',
    );
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dir: string, owner: string): DataDirLock {
  const lockDb: Database = new BetterSqlite3(join(dir, lockFileName), { timeout: 0 });
  try {
    lockDb.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lockDb.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY')
      throw new DataDirInUseError(dir, currentHolder(dir));
    throw error;
  }
  writeHolder(dir, { pid: process.pid, owner, since: new Date().toISOString() });
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      rmSync(join(dir, holderFileName), { force: true });
      lockDb.close();
    },
  };
}

function writeHolder(dir: string, holder: LockHolder): void {
  const file = join(dir, holderFileName);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/**
 * The holder as written beside the lock. It is written just after the lock is taken, so a start
 * that loses a race by microseconds may find the previous holder's file, or none: a holder whose
 * process is gone is not named.
 */
function currentHolder(dir: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(join(dir, holderFileName), 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) && isAlive(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
