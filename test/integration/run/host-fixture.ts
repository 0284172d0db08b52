import type { EventName, EventPayload, EnvironmentInput } from '../../../shared/contract/index';
import { RpcClient } from '../../../shared/rpc/client';
import { createHost, type Host, type HostOptions } from '../../../electron/host/host';
import { messagePortPair } from '../../support/channels';
import { makeTempDir } from '../../support/temp-dir';

export interface RunHostFixture {
  host: Host;
  client: RpcClient;
  dataDir: string;
  /** Every runs.changed / environments.changed event the client received, in order. */
  events: Array<{ topic: EventName; payload: unknown }>;
  /** A second client on the same host (another window). */
  connect(): RpcClient;
  /** Closes the host but keeps the data folder, to open it again (a restart). */
  restart(): RunHostFixture;
  close(): void;
}

/** A real host over a real SQLite file in a temp folder, with a client on a real MessageChannel. */
export function startRunHost(
  dataDir?: string,
  options: Pick<HostOptions, 'transcriptHeldBytes'> = {},
): RunHostFixture {
  const dir = dataDir === undefined ? makeTempDir('handrail-runs-') : undefined;
  const path = dataDir ?? (dir?.path as string);
  const host = createHost({ dataDir: path, version: 'test', ...options });
  const closers: Array<() => void> = [];
  const connect = (): RpcClient => {
    const pair = messagePortPair();
    host.server.attach(pair.hostSide);
    const client = new RpcClient(pair.clientSide);
    closers.push(() => {
      client.close();
      pair.close();
    });
    return client;
  };
  const client = connect();
  const events: RunHostFixture['events'] = [];
  const record = <E extends EventName>(topic: E) =>
    client.on(topic, (payload: EventPayload<E>) => events.push({ topic, payload }));
  record('runs.changed');
  record('environments.changed');
  let closed = false;
  const shutDown = (): void => {
    if (closed) return;
    closed = true;
    for (const close of closers.splice(0)) close();
    host.close();
  };
  return {
    host,
    client,
    dataDir: path,
    events,
    connect,
    restart() {
      shutDown();
      return startRunHost(path, options);
    },
    close() {
      shutDown();
      dir?.remove();
    },
  };
}

export function environmentInput(overrides: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return {
    name: 'Testbed',
    kind: 'test',
    colour: '#2a7ae2',
    controlHost: { kind: 'local', shell: '/bin/bash' },
    variables: {},
    secretNames: [],
    ...overrides,
  };
}

/** Waits until the predicate holds, checking after each turn of the event loop; fails at the deadline. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  deadlineMs = 20_000,
): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
