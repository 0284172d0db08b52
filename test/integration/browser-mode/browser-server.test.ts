import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHost, type Host } from '../../../electron/host/host';
import { startBrowserServer, type BrowserServer } from '../../../electron/host/transport/browser-server';
import { contentSecurityPolicy } from '../../../shared/csp';
import { handshakeProtocols } from '../../../shared/rpc/websocket-token';
import { makeTempDir } from '../../support/temp-dir';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so the Host header and path can be anything (fetch normalises both). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket and reports the HTTP status of a refusal, or 101 when it opened. */
function upgradeStatus(
  url: string,
  headers: Record<string, string> = {},
  protocols: string[] = [],
): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', (error) =>
      error.message.includes('Unexpected server response') ? undefined : reject(error),
    );
  });
}

describe('browser-mode server', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let host: Host;
  let server: BrowserServer;

  beforeAll(async () => {
    dir = makeTempDir();
    const rendererDir = join(dir.path, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Handrail</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'secret.txt'), 'outside the renderer');
    host = createHost({ dataDir: join(dir.path, 'data'), version: 'test' });
    server = await startBrowserServer({ rpc: host.server, rendererDir });
  });

  afterAll(async () => {
    await server.close();
    host.close();
    dir.remove();
  });

  it('listens on 127.0.0.1 only and prints a URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a page request carrying a wrong token with 403, and never sets a cookie', async () => {
    const wrong = await get(server.port, '/?token=wrong');
    expect(wrong.status).toBe(403);
    expect(wrong.body).toContain('access token');
    for (const path of ['/', `/?token=${server.token}`, '/assets/app.js']) {
      expect((await get(server.port, path)).headers['set-cookie']).toBeUndefined();
    }
  });

  it("serves the app's files, which hold no credential, with the CSP", async () => {
    const answer = await get(server.port, `/?token=${server.token}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(answer.body).not.toContain(server.token);
    const asset = await get(server.port, '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1)');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect(
      (await get(server.port, `/?token=${server.token}`, { Host: `evil.example:${server.port}` })).status,
    ).toBe(403);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const answer = await get(server.port, `${path}?token=${server.token}`);
      expect(answer.body).not.toContain('outside the renderer');
    }
  });

  it('accepts a WebSocket offering the token, from its own origin or none, and refuses the rest', async () => {
    const ws = `ws://127.0.0.1:${server.port}/rpc`;
    const offer = handshakeProtocols(server.token);
    expect(await upgradeStatus(ws, { Origin: server.origin }, offer)).toBe(101);
    expect(await upgradeStatus(ws, {}, offer)).toBe(101);
    expect(await upgradeStatus(ws, { Origin: 'http://evil.example' }, offer)).toBe(403);
    expect(await upgradeStatus(ws, { Origin: 'null' }, offer)).toBe(403);
    // What a browser sends on its own: the URL, cookies, its Origin. None of it is the token.
    expect(await upgradeStatus(ws, { Origin: server.origin })).toBe(403);
    expect(await upgradeStatus(`${ws}?token=${server.token}`, { Origin: server.origin })).toBe(403);
    expect(await upgradeStatus(ws, { Cookie: `handrail_token_${server.port}=${server.token}` })).toBe(403);
    expect(await upgradeStatus(ws, {}, handshakeProtocols('x'.repeat(43)))).toBe(403);
  });
});
