import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join, normalize, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import { contentSecurityPolicy } from '../../../shared/csp';
import { maxMessageChars } from '../../../shared/rpc/protocol';
import { webSocketChannel } from '../../../shared/rpc/websocket-channel';
import type { RpcServer } from '../../../shared/rpc/server';
import { contentTypeOf } from './content-types';

export interface BrowserServerOptions {
  rpc: RpcServer;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** For tests only; a random token is made per start otherwise. */
  token?: string;
  /** Where a client's protocol faults are logged (they close that client only). */
  log?: (message: string, error?: unknown) => void;
}

export interface BrowserServer {
  /** The URL to open, carrying the access token. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** A new access token: 256 random bits, URL-safe (43 characters). */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the loopback interface: browser mode is never reachable from another machine. */
const loopback = '127.0.0.1';

const forbiddenText =
  'Forbidden: open the URL that Handrail printed when it started; it carries the access token.\n';

/**
 * Serves the renderer and the RPC WebSocket on 127.0.0.1. Every HTTP request and WebSocket upgrade
 * must carry the per-start token (in the URL, or in the cookie set when the URL was opened) and
 * name this server in its Host header (against DNS rebinding); WebSocket upgrades from a page of
 * any other origin are refused (against cross-site WebSocket hijacking).
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? newAccessToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageChars });
  const http = createServer();
  await listen(http, options.port ?? 0);
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('browser mode: no TCP address');
  const { port } = address;
  const guard = new RequestGuard(token, port);

  http.on('request', (request, response) => {
    const target = requestTarget(request);
    if (target === undefined) return badRequest(response);
    if (!guard.allowsHost(request) || !guard.hasToken(request, target)) return refuse(response);
    serveFile(request, response, target, options.rendererDir, guard);
  });
  http.on('upgrade', (request, socket: Duplex, head) => {
    // A client that resets mid-handshake must not become an unhandled 'error' on the host.
    socket.on('error', () => socket.destroy());
    const target = requestTarget(request);
    if (target === undefined) return refuseUpgrade(socket, '400 Bad Request');
    if (!guard.allowsHost(request) || !guard.hasToken(request, target) || !guard.allowsOrigin(request)) {
      return refuseUpgrade(socket);
    }
    if (target.pathname !== '/rpc') return refuseUpgrade(socket, '404 Not Found');
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // ws emits 'error' for every protocol fault of the peer (invalid UTF-8, an unmasked or
      // oversized frame, a reserved opcode) and then closes the socket; without a listener the
      // EventEmitter throws and the whole host, with every open terminal, goes with it.
      ws.on('error', (error) => options.log?.(`browser mode: a WebSocket client broke the protocol`, error));
      options.rpc.attach(webSocketChannel(ws));
    });
  });

  const origin = `http://${loopback}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () => closeAll(http, sockets),
  };
}

class RequestGuard {
  readonly cookieName: string;
  private readonly tokenBytes: Buffer;
  private readonly hosts: Set<string>;

  constructor(token: string, port: number) {
    this.tokenBytes = Buffer.from(token);
    // Cookies are not kept apart by port, so each server's cookie carries its port in the name.
    this.cookieName = `handrail_token_${port}`;
    this.hosts = new Set([`${loopback}:${port}`, `localhost:${port}`]);
  }

  allowsHost(request: IncomingMessage): boolean {
    return this.hosts.has(request.headers.host ?? '');
  }

  /** Browsers always send Origin on WebSocket upgrades; other clients (the CLI, tests) may not. */
  allowsOrigin(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    try {
      const url = new URL(origin);
      return url.protocol === 'http:' && this.hosts.has(url.host);
    } catch {
      return false;
    }
  }

  hasToken(request: IncomingMessage, target: URL): boolean {
    return this.queryTokenMatches(target) || this.matches(this.cookieToken(request));
  }

  /** Only a token that compared equal is ever echoed into a header (no injection, no throw). */
  queryTokenMatches(target: URL): boolean {
    return this.matches(target.searchParams.get('token') ?? undefined);
  }

  /** The cookie to set when the page was opened with the right token in its URL. */
  cookieHeader(): string {
    return `${this.cookieName}=${this.tokenBytes.toString()}; HttpOnly; SameSite=Strict; Path=/`;
  }

  private cookieToken(request: IncomingMessage): string | undefined {
    for (const part of (request.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === this.cookieName) return value.join('=');
    }
    return undefined;
  }

  private matches(candidate: string | undefined): boolean {
    if (candidate === undefined) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === this.tokenBytes.length && timingSafeEqual(bytes, this.tokenBytes);
  }
}

function serveFile(
  request: IncomingMessage,
  response: ServerResponse,
  target: URL,
  root: string,
  guard: RequestGuard,
): void {
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
  const headers = securityHeaders(contentTypeOf(file));
  if (guard.queryTokenMatches(target)) headers['Set-Cookie'] = guard.cookieHeader();
  response.writeHead(200, headers);
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
