import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inCi } from './prerequisites';

/**
 * A small tmpfs mounted for a test (root only: `mount -t tmpfs`). Outside CI, where it cannot be
 * made, the tests skip with the reason; with CI=true as root it must work, so failing to mount
 * is an error there.
 */
export function mountSmallFilesystem(path: string, sizeBytes: number): { reason?: string; unmount(): void } {
  const unmount = (): void => {
    try {
      execFileSync('umount', [path], { stdio: 'ignore' });
    } catch {
      // not mounted
    }
    rmSync(path, { recursive: true, force: true });
  };
  if (process.getuid?.() !== 0) {
    const reason = 'disk-full test: needs root to mount a small tmpfs (run as root, e.g. in CI): skipping';
    if (inCi) throw new Error(`${reason} — but CI=true, where it must run`);
    return { reason, unmount };
  }
  mkdirSync(path, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0700`, 'tmpfs', path], {
      stdio: 'pipe',
    });
  } catch (error) {
    const reason = `disk-full test: cannot mount a tmpfs here (${String(error).split('\n')[0]}): skipping`;
    if (inCi) throw new Error(`${reason} — but CI=true, where it must run`, { cause: error });
    return { reason, unmount };
  }
  return { unmount };
}

/** Writes a filler file leaving about `leaveBytes` free on the filesystem; returns its path. */
export function fillUpTo(folder: string, leaveBytes: number): string {
  const stats = statfsSync(folder);
  const free = Number(stats.bavail) * Number(stats.bsize);
  const filler = join(folder, 'filler');
  writeFileSync(filler, Buffer.alloc(Math.max(0, free - leaveBytes), 0x41));
  return filler;
}
