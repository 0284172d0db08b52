import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/contract/index';
import { RpcClient } from '../../../shared/rpc/client';
import type { Channel } from '../../../shared/rpc/channel';
import { webSocketChannel } from '../../../shared/rpc/websocket-channel';
import { createHost, type Host } from '../../../electron/host/host';
import { startBrowserServer, type BrowserServer } from '../../../electron/host/transport/browser-server';
import { messagePortPair, rawEnd } from '../../support/channels';
import { openRpcSocket } from '../../support/node-websocket-client';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The same behaviour over both transports: a real MessagePort pair (as in the app) and a real
 * WebSocket to the browser-mode server. Each test opens two channels to the same host: one for
 * the typed client, one for raw (malformed) messages.
 */
interface TransportFixture {
  open(): Promise<Channel>;
  close(): Promise<void>;
}

const transports: Record<string, (host: Host) => Promise<TransportFixture>> = {
  'message port': async (host) => {
    const pairs: Array<ReturnType<typeof messagePortPair>> = [];
    return {
      open: async () => {
        const pair = messagePortPair();
        pairs.push(pair);
        host.server.attach(pair.hostSide);
        return pair.clientSide;
      },
      close: async () => pairs.forEach((pair) => pair.close()),
    };
  },
  websocket: async (host) => {
    const server: BrowserServer = await startBrowserServer({ rpc: host.server, rendererDir: '/nonexistent' });
    return {
      open: async () => {
        return webSocketChannel(await openRpcSocket(server.origin, server.token));
      },
      close: () => server.close(),
    };
  },
};

describe.each(Object.keys(transports))('RPC over %s', (name) => {
  let dir: ReturnType<typeof makeTempDir>;
  let host: Host;
  let transport: TransportFixture;
  let client: RpcClient;

  beforeEach(async () => {
    dir = makeTempDir();
    host = createHost({ dataDir: dir.path, version: '9.9.9-test' });
    transport = await transports[name]!(host);
    client = new RpcClient(await transport.open());
  });

  afterEach(async () => {
    client.close();
    await transport.close();
    host.close();
    dir.remove();
  });

  it('answers a request with its typed result', async () => {
    const info = await client.call('app.info', {});
    expect(info).toMatchObject({ name: 'Handrail', version: '9.9.9-test', dataDir: dir.path });
    const created = await client.call('runbooks.create', { title: 'Kayobe upgrade', source: '# x\n' });
    const listed = await client.call('runbooks.list', {});
    expect(listed.map((runbook) => runbook.id)).toEqual([created.id]);
  });

  it('names the offending field of malformed params', async () => {
    const failure = await client
      .call('runbooks.create', { title: 42 as never, source: '' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RpcError);
    expect(failure).toMatchObject({ code: 'invalid_params', field: 'params.title' });
    expect((failure as RpcError).message).toMatch(/^params\.title: /);
  });

  it('refuses an unknown field instead of ignoring it', async () => {
    const failure = await client
      .call('runbooks.list', { query: 'a', sort: 'x' } as never)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'invalid_params' });
    expect((failure as RpcError).message).toContain('sort');
  });

  it('answers malformed messages with errors naming the field, and keeps serving', async () => {
    const raw = rawEnd(await transport.open());
    raw.send('this is not json');
    expect(await raw.next()).toMatchObject({ kind: 'error', id: null, error: { code: 'invalid_message' } });
    raw.send(JSON.stringify({ kind: 'request', id: 'seven', method: 'app.info' }));
    expect(await raw.next()).toMatchObject({
      kind: 'error',
      error: { code: 'invalid_message', field: 'message.id' },
    });
    raw.send(
      JSON.stringify({ kind: 'request', id: 3, method: 'runbooks.get', params: { id: 'not-a-uuid' } }),
    );
    expect(await raw.next()).toMatchObject({
      kind: 'error',
      id: 3,
      error: { code: 'invalid_params', field: 'params.id' },
    });
    raw.send(JSON.stringify({ kind: 'request', id: 4, method: 'app.info', params: {} }));
    expect(await raw.next()).toMatchObject({ kind: 'response', id: 4, result: { name: 'Handrail' } });
  });

  it('answers an unknown method with an error', async () => {
    const raw = rawEnd(await transport.open());
    raw.send(JSON.stringify({ kind: 'request', id: 1, method: 'system.exec', params: { cmd: 'id' } }));
    expect(await raw.next()).toMatchObject({ kind: 'error', id: 1, error: { code: 'unknown_method' } });
    const viaClient = await client.call('nope.nothing' as never, {} as never).catch((e: unknown) => e);
    expect(viaClient).toMatchObject({ code: 'unknown_method' });
  });

  it('delivers events in the order they happened', async () => {
    const seen: string[] = [];
    client.on('runbooks.changed', ({ id }) => seen.push(id));
    const created: string[] = [];
    for (let index = 0; index < 25; index++) {
      created.push((await client.call('runbooks.create', { title: `Runbook ${index}`, source: '' })).id);
    }
    await expect.poll(() => seen.length).toBe(25);
    expect(seen).toEqual(created);
  });

  it('cancels a request: the host stops the work and only then answers cancelled', async () => {
    const controller = new AbortController();
    const pending = client.call('app.ping', { delayMs: 30_000 }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });

    const raw = rawEnd(await transport.open());
    raw.send(JSON.stringify({ kind: 'request', id: 7, method: 'app.ping', params: { delayMs: 30_000 } }));
    raw.send(JSON.stringify({ kind: 'cancel', id: 7 }));
    expect(await raw.next()).toMatchObject({ kind: 'error', id: 7, error: { code: 'cancelled' } });
    expect(await client.call('app.ping', {})).toEqual({ pong: true });
  });
});
