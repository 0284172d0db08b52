import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectWebSocketClient } from '../../support/node-websocket-client';
import { repoRoot, startServe } from '../../support/built-app';
import { makeTempDir } from '../../support/temp-dir';

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string })
  .version;

function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, ['bin/handrail.js', ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the built entry points', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  it('handrail --version prints the package version', () => {
    expect(cli(['--version'])).toMatchObject({ status: 0, stdout: `${version}\n` });
  });

  it('an unknown command or option is one plain line and exit code 2, never a stack trace', () => {
    const unknown = cli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      "handrail: unknown command 'frobnicate'. Run 'handrail help' for the list.\n",
    );
    const badPort = cli(['serve', '--port', 'abc'], { HANDRAIL_DATA_DIR: dir.path });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('--port: expected a whole number'),
    ]);
  });

  it('serve (dist/host/serve.js) prints a URL, answers over WebSocket, and stops cleanly on Ctrl-C', async () => {
    const serve = await startServe(['dist/host/serve.js', '--port', '0'], { HANDRAIL_DATA_DIR: dir.path });
    const page = await fetch(serve.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const client = await connectWebSocketClient(serve.origin, serve.token);
    expect(await client.call('app.info', {})).toMatchObject({ version, dataDir: dir.path });
    client.close();
    expect(await serve.stop()).toBe(0);
    expect(serve.output()).toContain('Stopping Handrail');
  });

  it('handrail serve uses the same server, and a newer database is refused with one clear line', async () => {
    const serve = await startServe(['bin/handrail.js', 'serve'], { HANDRAIL_DATA_DIR: dir.path });
    expect((await fetch(serve.url)).status).toBe(200);
    expect(await serve.stop()).toBe(0);

    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const db = new BetterSqlite3(join(dir.path, 'handrail.db'));
    db.prepare(`INSERT INTO schema_migrations VALUES (9999, 'future', 'later')`).run();
    db.close();
    const refused = cli(['serve'], { HANDRAIL_DATA_DIR: dir.path });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /^handrail: .*handrail\.db was written by a newer version of Handrail \(schema 9999/,
    );
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });
});
