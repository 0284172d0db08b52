import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/contract/index';
import { RpcClient } from '../../../shared/rpc/client';
import { RpcServer, throwIfCancelled, type Handlers } from '../../../shared/rpc/server';
import { messagePortPair } from '../../support/channels';

/**
 * Issue 18: cancellation means not done. Over a real MessagePort pair, handlers that wait before
 * they "write" (push to `committed`), cancelled while they wait.
 */
const id = '2d0a5b44-6f8e-4a7e-9d7b-2a4c8a3f7a10';

describe('cancelling a request', () => {
  const closers: Array<() => void> = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));

  function connect(handlers: Handlers): RpcClient {
    const server = new RpcServer(handlers);
    const pair = messagePortPair();
    server.attach(pair.hostSide);
    const client = new RpcClient(pair.clientSide);
    closers.push(() => {
      client.close();
      pair.close();
    });
    return client;
  }

  it('answers a change that was made anyway as done, never as cancelled', async () => {
    const committed: string[] = [];
    const client = connect({
      'runbooks.delete': async ({ id: deleted }) => {
        await delay(50);
        committed.push(deleted);
        return { id: deleted };
      },
    });
    const controller = new AbortController();
    const call = client.call('runbooks.delete', { id }, { signal: controller.signal });
    await delay(10);
    controller.abort();
    await expect(call).resolves.toEqual({ id });
    expect(committed).toEqual([id]);
  });

  it('answers cancelled when the handler stopped for the cancel before its first change', async () => {
    const committed: string[] = [];
    const client = connect({
      'runbooks.delete': async ({ id: deleted }, { signal }) => {
        await delay(50);
        throwIfCancelled(signal);
        committed.push(deleted);
        return { id: deleted };
      },
    });
    const controller = new AbortController();
    const call = client.call('runbooks.delete', { id }, { signal: controller.signal });
    await delay(10);
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'cancelled' });
    expect(committed).toEqual([]);
  });

  it("passes on a handler's own error after a cancel, rather than calling it cancelled", async () => {
    const client = connect({
      'runbooks.delete': async () => {
        await delay(30);
        throw new RpcError('conflict', 'someone else changed it');
      },
    });
    const controller = new AbortController();
    const call = client.call('runbooks.delete', { id }, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a handler goes on to complete after its client disconnected; the client hears unavailable, not cancelled', async () => {
    const committed: string[] = [];
    let finished: () => void = () => {};
    const done = new Promise<void>((resolve) => (finished = resolve));
    const client = connect({
      'runbooks.delete': async ({ id: deleted }) => {
        await delay(50);
        committed.push(deleted);
        finished();
        return { id: deleted };
      },
    });
    const call = client.call('runbooks.delete', { id });
    await delay(10);
    client.close();
    await expect(call).rejects.toMatchObject({ code: 'unavailable' });
    await done;
    expect(committed).toEqual([id]);
  });
});
