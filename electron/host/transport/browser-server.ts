import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../../../shared/csp';
import type { Channel } from '../../../shared/rpc/channel';
import { maxMessageChars } from '../../../shared/rpc/protocol';
import { webSocketChannel } from '../../../shared/rpc/websocket-channel';
import { rpcSubprotocol } from '../../../shared/rpc/websocket-token';
import type { RpcServer } from '../../../shared/rpc/server';
import { contentTypeOf } from './content-types';
import { InFlightBudget, type BudgetLimits, type ConnectionBudget } from './in-flight-budget';
import { RequestGuard } from './request-guard';

export interface BrowserServerOptions {
  rpc: RpcServer;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** For tests only; a random token is made per start otherwise. */
  token?: string;
  /** For tests only: other caps than browser mode's. */
  limits?: Partial<ConnectionLimits> & { bytes?: BudgetLimits };
  /** Where a client's protocol faults are logged (they close that client only). */
  log?: (message: string, error?: unknown) => void;
}

export interface BrowserServer {
  /** The URL to open, carrying the access token (the page removes it from the address bar). */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** Bytes of client messages in memory (now and at most), and WebSocket clients connected. */
  stats(): { heldBytes: number; peakHeldBytes: number; pausedClients: number; clients: number };
  close(): Promise<void>;
}

export interface ConnectionLimits {
  /** RPC WebSockets open at once. */
  webSockets: number;
  /** TCP connections of any kind, WebSockets included. */
  tcpConnections: number;
}

/**
 * 16 WebSockets: the renderer opens one per tab and multiplexes every terminal and screen on it,
 * so 16 is many windows; each may hold up to 72 MiB in flight (in-flight-budget.ts). 256 TCP
 * connections: well under the usual soft limit of 1,024 open files, which the host also needs for
 * SQLite, terminals and ssh; idle connections that never finish their headers go after 10 s.
 */
export const browserModeConnectionLimits: ConnectionLimits = { webSockets: 16, tcpConnections: 256 };
const headersTimeoutMs = 10_000;

/** A new access token: 256 random bits, URL-safe (43 characters). */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the loopback interface: browser mode is never reachable from another machine. */
const loopback = '127.0.0.1';

const forbiddenText =
  'Forbidden: open the URL that Handrail printed when it started (the access token changes at every start).\n';

/**
 * Serves the renderer and the RPC WebSocket on 127.0.0.1. The page is only the app's code: it
 * holds nothing until it connects, and connecting takes the per-start token, offered in the
 * WebSocket handshake (see request-guard.ts and shared/rpc/websocket-token.ts). No cookie is ever
 * set, so nothing of Handrail's goes to the other servers on 127.0.0.1 a browser visits.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? newAccessToken();
  const limits = { ...browserModeConnectionLimits, ...options.limits };
  const budget = new InFlightBudget(options.limits?.bytes);
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: maxMessageChars,
    handleProtocols: (offered) => (offered.has(rpcSubprotocol) ? rpcSubprotocol : false),
  });
  const http = createServer({ headersTimeout: headersTimeoutMs, requestTimeout: 60_000 });
  http.maxConnections = limits.tcpConnections;
  await listen(http, options.port ?? 0);
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('browser mode: no TCP address');
  const { port } = address;
  const guard = new RequestGuard(token, port);
  let openWebSockets = 0;

  http.on('request', (request, response) => {
    const target = requestTarget(request);
    if (target === undefined) return badRequest(response);
    if (!guard.allowsHost(request) || guard.hasWrongQueryToken(target)) return refuse(response);
    serveFile(request, response, target, options.rendererDir);
  });
  http.on('upgrade', (request, socket: Duplex, head) => {
    // A client that resets mid-handshake must not become an unhandled 'error' on the host.
    socket.on('error', () => socket.destroy());
    const target = requestTarget(request);
    if (target === undefined) return refuseUpgrade(socket, '400 Bad Request');
    if (!guard.allowsHost(request) || !guard.allowsOrigin(request) || !guard.offersToken(request)) {
      return refuseUpgrade(socket);
    }
    if (target.pathname !== '/rpc') return refuseUpgrade(socket, '404 Not Found');
    if (openWebSockets >= limits.webSockets) return refuseUpgrade(socket, '503 Service Unavailable');
    openWebSockets += 1;
    socket.once('close', () => (openWebSockets -= 1));
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // ws emits 'error' for every protocol fault of the peer (invalid UTF-8, an unmasked or
      // oversized frame, a reserved opcode) and then closes the socket; without a listener the
      // EventEmitter throws and the whole host, with every open terminal, goes with it.
      ws.on('error', (error) => options.log?.(`browser mode: a WebSocket client broke the protocol`, error));
      options.rpc.attach(budgetedChannel(ws, socket as Socket, budget.open(ws)));
    });
  });

  const origin = `http://${loopback}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    stats: () => ({
      heldBytes: budget.held,
      peakHeldBytes: budget.peak,
      pausedClients: budget.pausedCount,
      clients: openWebSockets,
    }),
    close: () => closeAll(http, sockets),
  };
}

/**
 * The RPC channel over one WebSocket, counted against the in-flight budget: every byte read, each
 * message until the server has answered it. Pausing the WebSocket stops reading its socket.
 */
function budgetedChannel(ws: WebSocket, socket: Socket, share: ConnectionBudget): Channel {
  // Counted before ws parses the chunk, so a message's weight includes its last chunk.
  socket.prependListener('data', (chunk: Buffer) => share.received(chunk.length));
  ws.on('ping', () => share.controlFrameRead());
  ws.on('pong', () => share.controlFrameRead());
  ws.on('close', () => share.close());
  const channel = webSocketChannel(ws);
  return {
    ...channel,
    onMessage: (listener) =>
      channel.onMessage((text) => {
        const weight = share.messageArrived();
        void Promise.resolve(listener(text)).finally(() => share.handled(weight));
      }),
  };
}

function serveFile(request: IncomingMessage, response: ServerResponse, target: URL, root: string): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const requested = target.pathname;
  const relative = normalize(decodeURIComponentSafe(requested === '/' ? '/index.html' : requested));
  const file = join(root, relative);
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || !isFile(file)) {
    if (!existsSync(join(root, 'index.html'))) {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('The renderer is not built. Run `npm run build`, then reload.\n');
      return;
    }
    response.writeHead(404, securityHeaders('text/plain; charset=utf-8')).end('Not found\n');
    return;
  }
  response.writeHead(200, securityHeaders(contentTypeOf(file)));
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function refuse(response: ServerResponse): void {
  response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end(forbiddenText);
}

function refuseUpgrade(socket: Duplex, status = '403 Forbidden'): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function badRequest(response: ServerResponse): void {
  response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request\n');
}

/**
 * The request's path and query, or undefined when the request line cannot be read as a URL
 * (`GET http://[ HTTP/1.1` makes `new URL` throw; an absolute-form target is taken as its path).
 */
function requestTarget(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://x');
  } catch {
    return undefined;
  }
}

function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, loopback, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeAll(http: Server, sockets: WebSocketServer): Promise<void> {
  for (const client of sockets.clients) client.terminate();
  sockets.close();
  http.closeAllConnections();
  return new Promise((resolve) => http.close(() => resolve()));
}
