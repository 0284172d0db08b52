import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { hostConnectionsOffHost, offlineProbe, requestsOffHost } from '../support/offline-counters';
import { makeTempDir } from '../support/temp-dir';
import { expect, test } from './fixtures';

/**
 * Issue 8, offline: the fixtures count, for every e2e test, the page's requests off the host's
 * origin and the host process's connections off 127.0.0.1 (both must be 0). These tests inject
 * a stray request and a stray connection, to 127.0.0.2 (still this machine's loopback, so nothing
 * leaves it), and show the counters see them.
 */
test('a request from the page to another address is counted (the counter can fail)', async ({
  handrail,
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(handrail.url);
  // The app's CSP blocks fetches elsewhere before they are requested; a navigation is not blocked.
  const stray = page.waitForEvent('request', (request) => request.url().includes('127.0.0.2'));
  await page.evaluate(() => {
    window.location.href = 'http://127.0.0.2:9/stray';
  });
  await stray;
  const offHost = requestsOffHost(requests, handrail.origin);
  console.log(
    `reliability offline (fault injected: stray navigation): pageRequestsOffHost=${offHost.length}`,
  );
  expect(offHost).toEqual(['http://127.0.0.2:9/stray']);
});

test('a connection from a process with the probe to another address is counted (the counter can fail)', () => {
  const dir = makeTempDir('handrail-offline-fault-');
  const log = join(dir.path, 'connections.jsonl');
  const stray =
    "const net = require('node:net'); net.connect(9, '127.0.0.2').on('error', () => {}); net.connect(9, '127.0.0.1').on('error', () => {})";
  const result = spawnSync(process.execPath, ['--import', offlineProbe, '-e', stray], {
    env: { ...process.env, HANDRAIL_OFFLINE_LOG: log },
  });
  expect(result.status).toBe(0);
  const offHost = hostConnectionsOffHost(log);
  dir.remove();
  console.log(
    `reliability offline (fault injected: stray connection): hostConnectionsOffHost=${offHost.length}`,
  );
  expect(offHost).toEqual([{ kind: 'tcp', host: '127.0.0.2', port: 9 }]);
});
