import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHost, type Host } from '../../../electron/host/host';
import { startBrowserServer, type BrowserServer } from '../../../electron/host/transport/browser-server';
import { contentSecurityPolicy } from '../../../shared/csp';
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
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
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

  it('refuses requests without the token with 403', async () => {
    expect((await get(server.port, '/')).status).toBe(403);
    expect((await get(server.port, '/assets/app.js')).status).toBe(403);
    expect((await get(server.port, '/?token=wrong')).status).toBe(403);
  });

  it('serves the page with the token, sets the cookie and the CSP', async () => {
    const answer = await get(server.port, `/?token=${server.token}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-security-policy']).toBe(contentSecurityPolicy);
    const cookie = String(answer.headers['set-cookie']);
    expect(cookie).toContain(`handrail_token_${server.port}=${server.token}`);
    expect(cookie).toContain('HttpOnly');
    const asset = await get(server.port, '/assets/app.js', {
      Cookie: `handrail_token_${server.port}=${server.token}`,
    });
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

  it('accepts a WebSocket from its own origin and refuses a foreign origin or a missing token', async () => {
    const ws = `ws://127.0.0.1:${server.port}/rpc`;
    expect(await upgradeStatus(`${ws}?token=${server.token}`, { Origin: server.origin })).toBe(101);
    expect(await upgradeStatus(`${ws}?token=${server.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`${ws}?token=${server.token}`, { Origin: 'null' })).toBe(403);
    expect(await upgradeStatus(ws, { Origin: server.origin })).toBe(403);
    expect(await upgradeStatus(ws, { Cookie: `handrail_token_${server.port}=${server.token}` })).toBe(101);
  });
});
