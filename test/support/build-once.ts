import { execFileSync } from 'node:child_process';
import { repoRoot } from './built-app';

/** Vitest global setup for integration tests: the entry-point tests run the real bundles. */
export default function buildOnce(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: repoRoot, stdio: 'inherit' });
}
