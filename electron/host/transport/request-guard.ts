import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { offeredToken } from '../../../shared/rpc/websocket-token';

/**
 * Who may talk to browser mode. The token is the only credential, and it travels only where a
 * browser never puts it by itself: the URL Handrail printed (once; the page then keeps it in
 * sessionStorage, which is per origin, port included, and removes it from the address bar) and
 * the WebSocket handshake's subprotocol list. Cookies are not kept apart by port, so a cookie
 * would reach every other server on 127.0.0.1 that the browser visits; none is set.
 */
export class RequestGuard {
  private readonly tokenBytes: Buffer;
  private readonly hosts: Set<string>;

  constructor(token: string, port: number) {
    this.tokenBytes = Buffer.from(token);
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  /** The Host header names this server (against DNS rebinding). */
  allowsHost(request: IncomingMessage): boolean {
    return this.hosts.has(request.headers.host ?? '');
  }

  /**
   * Browsers always send Origin on WebSocket upgrades: a page of another origin is refused
   * (cross-site WebSocket hijacking). Other clients (the CLI, tests) may send none; they still
   * need the token.
   */
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

  /** The upgrade offers the token among its subprotocols. */
  offersToken(request: IncomingMessage): boolean {
    const header = request.headers['sec-websocket-protocol'] ?? '';
    return this.matches(offeredToken(header.split(',').map((part) => part.trim())));
  }

  /**
   * A page request carrying a token that is not this start's (an old URL after a restart, or a
   * guess) is refused with an explanation; without one, the app's files are served: they are the
   * same for everyone and useless without the token.
   */
  hasWrongQueryToken(target: URL): boolean {
    const candidate = target.searchParams.get('token');
    return candidate !== null && !this.matches(candidate);
  }

  private matches(candidate: string | undefined): boolean {
    if (candidate === undefined) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === this.tokenBytes.length && timingSafeEqual(bytes, this.tokenBytes);
  }
}
