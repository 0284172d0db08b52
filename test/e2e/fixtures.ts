import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { RpcClient } from '../../shared/rpc/client';
import { connectWebSocketClient } from '../support/node-websocket-client';
import { startServe, type RunningServe } from '../support/built-app';
import { hostConnectionsOffHost, offlineProbe, requestsOffHost } from '../support/offline-counters';
import { makeTempDir } from '../support/temp-dir';

/** A browser-mode host started from the built bundle, with its own data folder. */
export interface HandrailServer {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** A typed client over a Node WebSocket: arrange data "through the contract". */
  rpc: RpcClient;
  process: RunningServe;
}

interface Fixtures {
  handrail: HandrailServer;
  /** Every URL the page requested (including WebSockets), to assert nothing left 127.0.0.1. */
  pageRequests: string[];
  /** The page, opened at the server's URL. */
  app: Page;
}

export const test = base.extend<Fixtures>({
  // Playwright's fixture signature needs the destructuring pattern even when it is empty.
  // eslint-disable-next-line no-empty-pattern
  handrail: async ({}, use) => {
    const dir = makeTempDir('handrail-e2e-');
    // Issue 8, offline: the probe records every connection the host process attempts.
    const probeDir = makeTempDir('handrail-offline-');
    const probeLog = join(probeDir.path, 'connections.jsonl');
    const serve = await startServe(['--import', offlineProbe, 'dist/host/serve.js', '--port', '0'], {
      HANDRAIL_DATA_DIR: dir.path,
      HANDRAIL_OFFLINE_LOG: probeLog,
    });
    const rpc = await connectWebSocketClient(serve.origin, serve.token);
    await use({
      url: serve.url,
      origin: serve.origin,
      token: serve.token,
      dataDir: dir.path,
      rpc,
      process: serve,
    });
    rpc.close();
    await serve.stop();
    dir.remove();
    // SSH targets are reached by the ssh client, a child process: the host itself connects nowhere.
    const offHost = hostConnectionsOffHost(probeLog);
    probeDir.remove();
    console.log(`reliability offline: hostConnectionsOffHost=${offHost.length}`);
    expect(offHost, 'connections from the host process to anything but 127.0.0.1').toEqual([]);
  },
  pageRequests: async ({ page }, use) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('websocket', (socket) => requests.push(socket.url()));
    await use(requests);
  },
  app: async ({ page, handrail, pageRequests }, use) => {
    void pageRequests; // start recording before the page loads
    await page.goto(handrail.url);
    await expect(page.getByTestId('host-status')).toContainText('Connected');
    await use(page);
    const offHost = requestsOffHost(pageRequests, handrail.origin);
    console.log(
      `reliability offline: pageRequests=${pageRequests.length} pageRequestsOffHost=${offHost.length}`,
    );
    expect(offHost, "requests from the page to anything but the host's origin").toEqual([]);
  },
});

export { expect };
