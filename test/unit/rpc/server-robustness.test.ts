import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RpcServer } from '../../../shared/rpc/server';
import type { Channel } from '../../../shared/rpc/channel';

/** An in-process channel whose sent texts are collected synchronously. */
function capturingChannel(): { channel: Channel; receive(text: string): void; sent: unknown[] } {
  let listener: (text: string) => void = () => {};
  const sent: unknown[] = [];
  const channel: Channel = {
    send: (text) => sent.push(JSON.parse(text)),
    onMessage: (l) => {
      listener = l;
    },
    onClose: () => {},
    close: () => {},
  };
  return { channel, receive: (text) => listener(text), sent };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the RPC server', () => {
  it('answers every malformed message with exactly one error and never throws', async () => {
    const server = new RpcServer({ 'app.ping': () => ({ pong: true as const }) });
    const { channel, receive, sent } = capturingChannel();
    server.attach(channel);
    const garbage = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({
          kind: fc.constantFrom('request', 'cancel', 'response', 'x'),
          id: fc.anything(),
          method: fc.string(),
          params: fc.anything(),
        })
        .map((value) => JSON.stringify(value)),
    );
    let expectedAnswers = 0;
    fc.assert(
      fc.property(garbage, (text) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        const isValidCancel =
          typeof parsed === 'object' &&
          parsed !== null &&
          (parsed as { kind?: unknown }).kind === 'cancel' &&
          Number.isSafeInteger((parsed as { id?: unknown }).id) &&
          (parsed as { id: number }).id >= 0 &&
          Object.keys(parsed).length === 2;
        expect(() => receive(text)).not.toThrow();
        if (!isValidCancel) expectedAnswers++;
      }),
      { numRuns: 2000, seed: 42 },
    );
    await flush();
    await flush();
    expect(sent.length).toBe(expectedAnswers);
    receive(JSON.stringify({ kind: 'request', id: 999_999, method: 'app.ping', params: {} }));
    await flush();
    expect(sent.at(-1)).toEqual({ kind: 'response', id: 999_999, result: { pong: true } });
  });

  it('turns a handler that throws into an internal error and keeps serving', async () => {
    const server = new RpcServer(
      {
        'app.info': () => {
          throw new TypeError('boom');
        },
        'app.ping': () => ({ pong: true as const }),
      },
      () => {},
    );
    const { channel, receive, sent } = capturingChannel();
    server.attach(channel);
    receive(JSON.stringify({ kind: 'request', id: 1, method: 'app.info', params: {} }));
    receive(JSON.stringify({ kind: 'request', id: 2, method: 'app.ping', params: {} }));
    await flush();
    expect(sent).toEqual([
      { kind: 'error', id: 1, error: { code: 'internal', message: 'app.info failed: boom' } },
      { kind: 'response', id: 2, result: { pong: true } },
    ]);
  });

  it('refuses to send a result outside the contract', async () => {
    const server = new RpcServer({ 'app.ping': () => ({ pong: 'yes' }) as never }, () => {});
    const { channel, receive, sent } = capturingChannel();
    server.attach(channel);
    receive(JSON.stringify({ kind: 'request', id: 5, method: 'app.ping', params: {} }));
    await flush();
    expect(sent).toEqual([{ kind: 'error', id: 5, error: expect.objectContaining({ code: 'internal' }) }]);
  });

  it('refuses a second request with an id already in flight', async () => {
    const server = new RpcServer({ 'app.ping': () => new Promise(() => {}) });
    const { channel, receive, sent } = capturingChannel();
    server.attach(channel);
    receive(JSON.stringify({ kind: 'request', id: 1, method: 'app.ping', params: {} }));
    receive(JSON.stringify({ kind: 'request', id: 1, method: 'app.ping', params: {} }));
    await flush();
    expect(sent).toEqual([
      {
        kind: 'error',
        id: 1,
        error: expect.objectContaining({
          code: 'invalid_message',
          message: expect.stringContaining('already in flight'),
        }),
      },
    ]);
  });
});
