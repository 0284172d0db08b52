import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { handshakeProtocols } from '../../shared/rpc/websocket-token';
import { expect, test } from './fixtures';

/**
 * Issue 18: browser mode's credential cannot be borrowed. Cookies are not kept apart by port, so
 * a cookie set by Handrail went to every other server on 127.0.0.1 the engineer's browser
 * visited (a dev server, a notebook, another user's server on a shared jump host), and with it an
 * Origin-less client could type into the operator's shells. A second server here records every
 * header the same Chromium sends it.
 */

interface RecordingServer {
  origin: string;
  /** Every request line and header the server received, one string per request. */
  received: string[];
  close(): Promise<void>;
}

async function startRecordingServer(): Promise<RecordingServer> {
  const received: string[] = [];
  const record = (request: IncomingMessage): void => {
    received.push(`${request.method} ${request.url}\n${request.rawHeaders.join('\n')}`);
  };
  const page = `<!doctype html><title>another local server</title>
<img src="/pixel.png">
<script>
  fetch('/api', { credentials: 'include' }).catch(() => {});
  fetch('/api', { method: 'POST', credentials: 'include', body: 'x' }).catch(() => {});
  new WebSocket('ws://' + location.host + '/socket');
</script>`;
  const server: Server = createServer((request, response) => {
    record(request);
    response.writeHead(200, { 'Content-Type': 'text/html' }).end(request.url === '/' ? page : '');
  });
  // Upgraded sockets leave the HTTP server's own bookkeeping; kept here so close() can end them.
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (request, socket) => {
    record(request);
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    // close() alone waits for every open connection: a request of the closed tab still in flight
    // or a half-closed upgrade held the test for its whole timeout once in CI. End them all.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      }),
  };
}

/** The HTTP status of a WebSocket upgrade to the host, or 101 when it opened. */
function upgradeStatus(url: string, options: { headers?: Record<string, string>; protocols?: string[] }) {
  return new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', (error) =>
      error.message.includes('Unexpected server response') ? undefined : reject(error),
    );
  });
}

test('a second local HTTP server visited by the same Chromium receives no Handrail credential', async ({
  app,
  handrail,
  context,
}) => {
  const other = await startRecordingServer();
  try {
    // Handrail is open and connected; its token has left the address bar.
    expect(app.url()).not.toContain(handrail.token);
    expect(app.url()).not.toContain('token=');

    // The engineer visits the other server in another tab of the same browser (the app's own tab
    // stays on Handrail: the fixture counts its requests off the host's origin). Its page makes
    // every kind of request a browser adds credentials to: a navigation, a subresource, fetches
    // with credentials, a WebSocket.
    const tab = await context.newPage();
    await tab.goto(`${other.origin}/`);
    await expect.poll(() => other.received.some((line) => line.startsWith('GET /socket'))).toBe(true);
    await tab.goto(`${other.origin}/again?from=handrail`);
    await expect.poll(() => other.received.length).toBeGreaterThanOrEqual(6);
    await tab.close();

    const leaks = other.received.filter((request) => request.includes(handrail.token));
    expect(leaks, 'requests to the other server that carried the Handrail token').toEqual([]);
    expect(other.received.filter((request) => /\ncookie\n/i.test(request))).toEqual([]);
    expect(await context.cookies()).toEqual([]);
  } finally {
    await other.close();
  }
});

test('an Origin-less WebSocket client with only what a browser would send is refused', async ({
  app,
  handrail,
  context,
  pageRequests,
}) => {
  // What the browser itself would hand anyone: the URL its page connected to, and its cookies.
  const rpcUrl = pageRequests.find((url) => url.startsWith('ws:') && url.endsWith('/rpc'));
  expect(rpcUrl, 'the page connected over a WebSocket').toBeDefined();
  expect(rpcUrl).not.toContain(handrail.token);
  const cookies = (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  const browserLike: Record<string, string> = cookies === '' ? {} : { Cookie: cookies };
  expect(await upgradeStatus(rpcUrl as string, { headers: browserLike })).toBe(403);
  // The browser's own Origin does not stand in for the token either.
  expect(
    await upgradeStatus(rpcUrl as string, { headers: { ...browserLike, Origin: handrail.origin } }),
  ).toBe(403);
  // Only the token, offered in the handshake as the page does, opens it.
  expect(await upgradeStatus(rpcUrl as string, { protocols: handshakeProtocols(handrail.token) })).toBe(101);
  await expect(app.getByTestId('host-status')).toContainText('Connected');
});

test('the page keeps its connection across a reload without the token in the address', async ({
  app,
  handrail,
}) => {
  await app.reload();
  await expect(app.getByTestId('host-status')).toContainText('Connected');
  expect(app.url()).not.toContain(handrail.token);
});
