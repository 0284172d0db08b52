#!/usr/bin/env node
// Builds everything the app and browser mode run: the host's entry points and Electron's main
// and preload (esbuild, seconds), and the renderer (Vite). `--if-needed` skips the renderer when
// its output is newer than every source it is built from.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const ifNeeded = process.argv.includes('--if-needed');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  // Dependencies stay in node_modules: native addons (better-sqlite3, node-pty) cannot be bundled.
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  build({
    ...common,
    format: 'esm',
    entryPoints: {
      serve: 'electron/host/entry/serve.ts',
      cli: 'electron/host/entry/cli.ts',
      'utility-process': 'electron/host/entry/utility-process.ts',
      // The runbook reader's process: every parse of a guide or runbook from a request or a file.
      'runbook-reader': 'electron/host/runbook-reader/reader-process.ts',
      // The transcript index worker thread (issue 17): search indexing off the terminal stream.
      'transcript-index': 'electron/host/terminal/transcript/index-worker.ts',
    },
    outdir: 'dist/host',
  }),
  build({
    ...common,
    format: 'esm',
    entryPoints: { main: 'electron/main/main.ts' },
    outdir: 'dist/electron',
    external: ['electron'],
  }),
  // A sandboxed preload cannot be an ES module.
  build({
    ...common,
    format: 'cjs',
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    external: ['electron'],
  }),
]);

if (!ifNeeded || rendererIsStale()) {
  const vite = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}

function rendererIsStale() {
  const output = join(root, 'dist/renderer/index.html');
  if (!existsSync(output)) return true;
  const builtAt = statSync(output).mtimeMs;
  const sources = ['renderer', 'shared', 'package-lock.json'].map((path) => join(root, path));
  return sources.some((path) => newestMtime(path) > builtAt);
}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}
