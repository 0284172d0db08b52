import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './built-app';

/**
 * Bundles a TypeScript worker entry (and everything it imports) into one CommonJS file a
 * worker_threads Worker can load: Node 20 does not run TypeScript, and the source imports
 * without file extensions. The bundle goes to `outDir`.
 */
export async function bundleWorker(entry: string, outDir: string): Promise<string> {
  const outfile = join(outDir, 'worker.cjs');
  await build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}
