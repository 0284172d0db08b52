import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { RpcClient } from '../../shared/rpc/client';
import { connectWebSocketClient } from '../support/node-websocket-client';
import { startServe, type RunningServe } from '../support/built-app';
import {
  chromiumNetwork,
  hostConnectionsOffHost,
  offlineProbe,
  requestsOffHost,
  tracedChromium,
} from '../support/offline-counters';
import { findChromium, findOnPath, inCi } from '../support/prerequisites';
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
  /** Where the strace logs of the PDF Chromium go, when strace is there to trace it. */
  chromiumTraces: string | undefined;
}

interface Fixtures {
  /** Option: the host prepares the practice sandbox on its fresh data folder (docs/sandbox.md). */
  practiceSandbox: boolean;
  handrail: HandrailServer;
  /** A second host on a data folder of its own ("another machine"); started only where used. */
  secondHandrail: HandrailServer;
  /** Every URL the page requested (including WebSockets), to assert nothing left 127.0.0.1. */
  pageRequests: string[];
  /** The page, opened at the server's URL. */
  app: Page;
}

/**
 * The PDF export's Chromium, run under strace so its DNS queries and connections are counted as
 * the host's are (issue 18): the environment for the host, and the folder the traces go to.
 */
function pdfChromiumTracing(probeDir: string): { env: NodeJS.ProcessEnv; traces: string | undefined } {
  const chromium = findChromium().path;
  const strace = findOnPath('strace', 'sudo apt-get install strace');
  if (chromium === undefined) return { env: {}, traces: undefined };
  if (strace.path === undefined) {
    if (inCi) throw new Error('CI=true and strace is missing: sudo apt-get install strace');
    console.log("strace not found: the PDF export's Chromium is not counted (sudo apt-get install strace)");
    return { env: {}, traces: undefined };
  }
  const traces = join(probeDir, 'chromium');
  mkdirSync(traces);
  return {
    env: {
      HANDRAIL_CHROMIUM: tracedChromium,
      HANDRAIL_TRACED_CHROMIUM: chromium,
      HANDRAIL_CHROMIUM_TRACES: traces,
    },
    traces,
  };
}

/**
 * Starts a host on a fresh data folder for one test, and stops it and removes the folder after.
 * Issue 8, offline: a probe loaded into the host records every connection it attempts; after the
 * test, any to anything but 127.0.0.1 fails it (SSH targets are reached by the ssh client, a child
 * process, so the host itself connects nowhere else). Issue 18: the Chromium the host starts for
 * PDF export runs under strace; any DNS query or connection off loopback from it fails the test.
 */
async function withServer(
  use: (server: HandrailServer) => Promise<void>,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<void> {
  const dir = makeTempDir('handrail-e2e-');
  const probeDir = makeTempDir('handrail-offline-');
  const probeLog = join(probeDir.path, 'connections.jsonl');
  const tracing = pdfChromiumTracing(probeDir.path);
  const serve = await startServe(['--import', offlineProbe, 'dist/host/serve.js', '--port', '0'], {
    HANDRAIL_DATA_DIR: dir.path,
    HANDRAIL_OFFLINE_LOG: probeLog,
    ...tracing.env,
    ...extraEnv,
  });
  const rpc = await connectWebSocketClient(serve.origin, serve.token);
  await use({
    url: serve.url,
    origin: serve.origin,
    token: serve.token,
    dataDir: dir.path,
    rpc,
    process: serve,
    chromiumTraces: tracing.traces,
  });
  rpc.close();
  await serve.stop();
  dir.remove();
  const offHost = hostConnectionsOffHost(probeLog);
  const chromium = tracing.traces === undefined ? undefined : chromiumNetwork(tracing.traces);
  probeDir.remove();
  console.log(`reliability offline: hostConnectionsOffHost=${offHost.length}`);
  expect(offHost, 'connections from the host process to anything but 127.0.0.1').toEqual([]);
  if (chromium !== undefined && chromium.traces > 0) {
    console.log(
      `reliability offline: pdfChromiumRuns=${chromium.traces} pdfChromiumDnsQueries=${chromium.dnsQueries.length} ` +
        `pdfChromiumConnectionsOffLoopback=${chromium.offLoopback.length} pdfChromiumRouteProbes=${chromium.routeProbes.length}`,
    );
    expect(
      chromium.dnsQueries.map((call) => call.line),
      'DNS queries of the PDF Chromium',
    ).toEqual([]);
    expect(
      chromium.offLoopback.map((call) => call.line),
      'connections of the PDF Chromium off loopback',
    ).toEqual([]);
  }
}

export const test = base.extend<Fixtures>({
  // Playwright's fixture signature needs the destructuring pattern even when it is empty.
  practiceSandbox: [false, { option: true }],
  handrail: async ({ practiceSandbox }, use) =>
    withServer(use, {
      HANDRAIL_PRACTICE_SANDBOX: practiceSandbox ? '1' : '0',
      // The stand-ins' pauses off, so a whole template runs in seconds.
      HANDRAIL_SANDBOX_SPEED: '0',
    }),
  // eslint-disable-next-line no-empty-pattern
  secondHandrail: async ({}, use) => withServer(use),
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
