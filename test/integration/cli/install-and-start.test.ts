import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unsupportedNode } from '../../../bin/supported-node.js';
import { repoRoot, startServe } from '../../support/built-app';
import { electronBinary } from '../../support/electron-runtime';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Where the Electron runtime cannot be downloaded (as on our machines), installing still succeeds
 * with one plain line, and `npm start` explains and falls back to browser mode. A mirror on a
 * closed local port stands in for an unreachable download host, so the test behaves the same on
 * a machine with internet.
 */
const unreachableMirror = {
  ELECTRON_MIRROR: 'http://127.0.0.1:9/',
  electron_config_cache: '/nonexistent-cache',
};

describe.skipIf(electronBinary() !== undefined)('without the Electron runtime', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  it('the postinstall step says so in one plain line and succeeds', () => {
    const output = execFileSync(process.execPath, ['scripts/postinstall.mjs'], {
      cwd: repoRoot,
      env: { ...process.env, ...unreachableMirror },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^handrail: the Electron [\d.]+ runtime could not be downloaded \(.+\); `npm start` will run Handrail in browser mode\./,
    );
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('npm start explains in one paragraph and serves a working browser-mode URL', async () => {
    const started = await startServe(['scripts/start.mjs'], { HANDRAIL_DATA_DIR: dir.path });
    const text = started.output();
    expect(text).toContain('The Electron runtime is not installed, so the desktop app cannot start.');
    expect(text).toContain('Starting Handrail in browser mode instead');
    expect(text).not.toMatch(/\n\s+at /);
    const page = await fetch(started.url);
    expect(page.status).toBe(200);
    expect(await started.stop()).toBe(0);
  });
});

/**
 * A Node too old for better-sqlite3 13 crashes with a segmentation fault on the first database it
 * opens; the entry points must say so first. Debian's /usr/bin/node is such a Node on our machines
 * (20); where it is not, there is no old Node to try and this is skipped.
 */
const oldNode = findUnsupportedNode();

describe.skipIf(oldNode === undefined)(`on an unsupported Node (${oldNode?.version ?? 'none found'})`, () => {
  for (const [entry, args] of [
    ['npm start', ['scripts/start.mjs']],
    ['npm run serve', ['scripts/serve.mjs']],
    ['the handrail CLI', ['bin/handrail.js', 'serve']],
  ] as const) {
    it(`${entry} refuses in one sentence instead of crashing`, () => {
      const run = spawnSync(oldNode!.path, args, { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
      expect(run.signal).toBeNull();
      expect(run.status).toBe(2);
      expect(run.stderr.trim()).toBe(`handrail: ${unsupportedNode(oldNode!.version)}`);
    });
  }
});

function findUnsupportedNode(): { path: string; version: string } | undefined {
  const path = '/usr/bin/node';
  const probe = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  const version = probe.status === 0 ? probe.stdout.trim() : undefined;
  return version !== undefined && unsupportedNode(version) !== undefined ? { path, version } : undefined;
}

describe.skipIf(electronBinary() === undefined)('with the Electron runtime', () => {
  it('is covered by the Electron smoke test (test/e2e/electron.spec.ts)', () => {
    expect(electronBinary()).toBeDefined();
  });
});
