import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './built-app';

/**
 * Bundles a TypeScript worker entry (and the project code it imports) into one ES module a
 * worker_threads Worker can load: the source imports without file extensions, which Node does not
 * resolve. Packages stay external, as in the app's own host bundle (scripts/build.mjs), so code
 * that loads a package on first use (`createRequire(import.meta.url)`, as the shell importer does
 * with mvdan-sh) finds it the way the app does: the bundle is written under the repository's
 * node_modules/.cache, where Node's resolution reaches node_modules. `scratch` names the caller's
 * temporary folder; its name keeps two suites' bundles apart.
 */
export async function bundleWorker(entry: string, scratch: string): Promise<string> {
  const outDir = join(repoRoot, 'node_modules', '.cache', 'handrail-test-workers', basename(scratch));
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${basename(entry).replace(/\.ts$/, '')}.mjs`);
  await build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}
