import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe.skipIf(electronBinary() === undefined)('with the Electron runtime', () => {
  it('is covered by the Electron smoke test (test/e2e/electron.spec.ts)', () => {
    expect(electronBinary()).toBeDefined();
  });
});
