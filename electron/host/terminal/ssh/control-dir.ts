import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The folder of OpenSSH control sockets, <data dir>/ssh, readable by the user only: anyone who
 * can open a master's socket can run commands on the host as the operator without logging in.
 */
export function prepareControlDir(dataDir: string): string {
  const dir = join(dataDir, 'ssh');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}
