import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { RpcError } from '../../../shared/contract/index';
import { RpcServer } from '../../../shared/rpc/server';
import {
  browserModeConnectionLimits,
  startBrowserServer,
  type BrowserServer,
} from '../../../electron/host/transport/browser-server';
import { openRpcSocket } from '../../support/node-websocket-client';

/**
 * Issue 18: caps on browser-mode clients. A real server on 127.0.0.1 and real WebSockets; the
 * RPC server behind it has handlers that take a while, so requests pile up in flight.
 */

const kib = 1024;
const mib = 1024 * kib;

/** Answers importPreview after 100 ms (with an error: the payload is only padding). */
function slowHost(): RpcServer {
  return new RpcServer({
    'app.ping': () => ({ pong: true as const }),
    'runbooks.importPreview': async () => {
      await delay(100);
      throw new RpcError('conflict', 'only padding');
    },
  });
}

/** Sends the texts and resolves with the answers, one per request, in the order they came. */
function exchange(socket: WebSocket, texts: string[]): Promise<unknown[]> {
  const answers: unknown[] = [];
  return new Promise((resolve, reject) => {
    socket.on('message', (data) => {
      answers.push(JSON.parse(String(data)));
      if (answers.length === texts.length) resolve(answers);
    });
    socket.once('close', () => reject(new Error(`closed after ${answers.length} answers`)));
    for (const text of texts) socket.send(text);
  });
}

function importRequest(id: number, bytes: number): string {
  const text = 'x'.repeat(bytes);
  return JSON.stringify({
    kind: 'request',
    id,
    method: 'runbooks.importPreview',
    params: { text, fileName: 'pad.md' },
  });
}

describe('browser-mode connection caps', () => {
  let server: BrowserServer | undefined;
  const open: WebSocket[] = [];
  afterEach(async () => {
    for (const socket of open.splice(0)) socket.terminate();
    await server?.close();
  });

  it(`refuses a WebSocket beyond ${browserModeConnectionLimits.webSockets} at once with 503, and takes one again once a slot is free`, async () => {
    server = await startBrowserServer({ rpc: slowHost(), rendererDir: '/nonexistent' });
    for (let index = 0; index < browserModeConnectionLimits.webSockets; index++)
      open.push(await openRpcSocket(server.origin, server.token));
    await expect(openRpcSocket(server.origin, server.token)).rejects.toThrow('HTTP 503');
    const first = open.shift() as WebSocket;
    const closed = new Promise((resolve) => first.once('close', resolve));
    first.close();
    await closed;
    await expect.poll(() => server?.stats().clients).toBe(browserModeConnectionLimits.webSockets - 1);
    open.push(await openRpcSocket(server.origin, server.token));
  });

  it('holds no more than its byte budget while 16 clients send large requests faster than they are answered', async () => {
    const bytes = { perConnection: 2 * mib, total: 4 * mib, smallAllowance: 64 * kib };
    server = await startBrowserServer({ rpc: slowHost(), rendererDir: '/nonexistent', limits: { bytes } });
    for (let index = 0; index < 16; index++) open.push(await openRpcSocket(server.origin, server.token));
    const running = { ...server };
    let peakPaused = 0;
    const watch = setInterval(() => (peakPaused = Math.max(peakPaused, running.stats().pausedClients)), 5);
    // Three 1.5 MB requests from each client at once: 72 MB offered against a 4 MiB budget.
    const answers = await Promise.all(
      open.map((socket, client) =>
        exchange(
          socket,
          [1, 2, 3].map((n) => importRequest(client * 10 + n, 1.5 * mib)),
        ),
      ),
    );
    clearInterval(watch);
    expect(answers.flat()).toHaveLength(48);
    expect(
      answers.flat().every((answer) => (answer as { error?: { code?: string } }).error?.code === 'conflict'),
    ).toBe(true);
    // One socket read (64 KiB) per client may land after its pause.
    const bound = bytes.total + bytes.perConnection + 16 * (bytes.smallAllowance + 64 * kib);
    const { peakHeldBytes, heldBytes } = server.stats();
    console.log(
      `browser-mode budget: peakHeldBytes=${peakHeldBytes} bound=${bound} peakPausedClients=${peakPaused}`,
    );
    expect(peakHeldBytes).toBeLessThanOrEqual(bound);
    expect(peakPaused).toBeGreaterThan(0);
    expect(heldBytes).toBe(0);
  });

  it('keeps answering a small client while large requests wait for the budget', async () => {
    const bytes = { perConnection: 2 * mib, total: 3 * mib, smallAllowance: 64 * kib };
    server = await startBrowserServer({ rpc: slowHost(), rendererDir: '/nonexistent', limits: { bytes } });
    const large = await Promise.all([0, 1, 2, 3].map(() => openRpcSocket(server!.origin, server!.token)));
    const small = await openRpcSocket(server.origin, server.token);
    open.push(...large, small);
    const flood = Promise.all(
      large.map((socket, n) =>
        exchange(socket, [importRequest(n * 2, 1.5 * mib), importRequest(n * 2 + 1, 1.5 * mib)]),
      ),
    );
    await expect.poll(() => server?.stats().pausedClients).toBeGreaterThan(0);
    const pong = await exchange(small, [
      JSON.stringify({ kind: 'request', id: 1, method: 'app.ping', params: {} }),
    ]);
    expect(pong).toEqual([{ kind: 'response', id: 1, result: { pong: true } }]);
    expect((await flood).flat()).toHaveLength(8);
  });
});
