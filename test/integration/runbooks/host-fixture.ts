import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { EventName, EventPayload } from '../../../shared/contract/index';
import { RpcClient } from '../../../shared/rpc/client';
import { messagePortChannel, type PortLike } from '../../../shared/rpc/message-port-channel';
import { createHost, type Host } from '../../../electron/host/host';

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
  const dataDir = mkdtempSync(join(tmpdir(), 'handrail-runbooks-'));
  const host = createHost({ dataDir, version: 'test' });
  const { port1, port2 } = new MessageChannel();
  host.server.attach(messagePortChannel(port1 as unknown as PortLike));
  const client = new RpcClient(messagePortChannel(port2 as unknown as PortLike));
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
      host.close();
      rmSync(dataDir, { recursive: true, force: true });
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
