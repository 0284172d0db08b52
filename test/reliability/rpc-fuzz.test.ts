import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcServer } from '../../shared/rpc/server';
import { startBrowserServer, type BrowserServer } from '../../electron/host/transport/browser-server';
import { startServe, type RunningServe } from '../support/built-app';
import { makeTempDir } from '../support/temp-dir';
import { reportCounters } from './counters';
import { fuzzOverWebSocket, malformedMessages } from './rpc-fuzz-driver';

/** Issue 8, fuzz (RPC part): 10,000 malformed messages over the real WebSocket of the built host. */
describe('RPC endpoint fuzz', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let serve: RunningServe;

  beforeAll(async () => {
    dir = makeTempDir();
    serve = await startServe(['dist/host/serve.js'], { HANDRAIL_DATA_DIR: dir.path });
  });
  afterAll(async () => {
    await serve.stop();
    dir.remove();
  });

  it('answers 10,000 malformed messages with no crash and no hang', async () => {
    const counters = await fuzzOverWebSocket(serve, malformedMessages(10_000, 20261121));
    const hostAlive = serve.child.exitCode === null;
    reportCounters('rpc-fuzz', { ...counters, hostCrashes: hostAlive ? 0 : 1 });
    expect(counters).toEqual({ sent: 10_000, answered: 10_000, hangs: 0, crashes: 0 });
    expect(hostAlive).toBe(true);
  });

  it('counts a hang when the host does not answer (the counter can fail)', async () => {
    // A host whose app.ping never answers: every probe after a cancel, and every ping, hangs.
    const faulty = new RpcServer({ 'app.ping': () => new Promise(() => {}) });
    const server: BrowserServer = await startBrowserServer({ rpc: faulty, rendererDir: '/nonexistent' });
    const messages = [JSON.stringify({ kind: 'request', id: 1, method: 'app.ping', params: {} }), 'not json'];
    const counters = await fuzzOverWebSocket(server, messages, 300);
    await server.close();
    expect(counters).toMatchObject({ sent: 2, answered: 1, hangs: 1 });
  });
});
