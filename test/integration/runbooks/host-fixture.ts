import { expect } from 'vitest';
import { RpcError, type EventName, type EventPayload } from '../../../shared/contract/index';
import { RpcClient } from '../../../shared/rpc/client';
import { createHost, type Host } from '../../../electron/host/host';
import { messagePortPair } from '../../support/channels';
import { makeTempDir } from '../../support/temp-dir';

export interface HostFixture {
  host: Host;
  client: RpcClient;
  dataDir: string;
  /** Every event the client received, in order. */
  events: Array<{ topic: EventName; payload: unknown }>;
  close(): void;
}

/** A real host (RpcServer + SQLite file in a temp dir) and a client over a real MessageChannel. */
export function startHost(): HostFixture {
  const dir = makeTempDir('handrail-runbooks-');
  const dataDir = dir.path;
  const host = createHost({ dataDir, version: 'test' });
  const pair = messagePortPair();
  host.server.attach(pair.hostSide);
  const client = new RpcClient(pair.clientSide);
  const events: HostFixture['events'] = [];
  client.on('runbooks.changed', (payload: EventPayload<'runbooks.changed'>) =>
    events.push({ topic: 'runbooks.changed', payload }),
  );
  return {
    host,
    client,
    dataDir,
    events,
    close() {
      client.close();
      pair.close();
      host.close();
      dir.remove();
    },
  };
}

/** Waits until the predicate holds, checking after each turn of the event loop; fails at the deadline. */
export async function waitFor(predicate: () => boolean, what: string, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The RpcError a call was refused with (fails the test if it succeeded or failed otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}
