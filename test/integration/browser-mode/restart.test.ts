import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { browserModeStateFile } from '../../../electron/host/entry/browser-mode-state';
import { startServe } from '../../support/built-app';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Browser mode started again on the same data folder listens where it did, with the same token,
 * so an open tab (its origin names the port, its sessionStorage holds the token) reconnects by itself; if that port is taken now it
 * takes a free one.
 */
test('a restart keeps the port and the token; a taken port gives way to a free one', async () => {
  const dir = makeTempDir('handrail-restart-');
  const env = { HANDRAIL_DATA_DIR: dir.path };
  try {
    const first = await startServe(['dist/host/serve.js'], env);
    await first.stop();
    expect(statSync(join(dir.path, browserModeStateFile)).mode & 0o777).toBe(0o600);
    const again = await startServe(['dist/host/serve.js'], env);
    expect(again.url).toBe(first.url);
    await again.stop();

    const squatter = createServer();
    await new Promise<void>((resolve) =>
      squatter.listen(Number(new URL(first.origin).port), '127.0.0.1', resolve),
    );
    try {
      const moved = await startServe(['dist/host/serve.js'], env);
      expect(moved.origin).not.toBe(first.origin);
      expect(moved.token).toBe(first.token);
      await moved.stop();
    } finally {
      squatter.close();
    }
  } finally {
    dir.remove();
  }
});
