import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectWebSocketClient } from '../support/node-websocket-client';
import { startServe } from '../support/built-app';
import { makeTempDir } from '../support/temp-dir';
import { writeMixedText } from './mixed-text';

/**
 * The built host's resident memory (MiB) before and after 4 local terminals each `cat` a quarter
 * of `recordedBytes` of mixed text through the contract (terminals.run), all recorded, with a
 * Node client acknowledging the output as the renderer does.
 */
export async function rssWithTerminals(recordedBytes: number): Promise<{ before: number; after: number }> {
  const dir = makeTempDir('handrail-bench-rss-');
  const serve = await startServe(['dist/host/serve.js', '--port', '0'], { HANDRAIL_DATA_DIR: dir.path });
  const rpc = await connectWebSocketClient(serve.origin, serve.token);
  try {
    rpc.on(
      'terminals.data',
      ({ id, data }) => void rpc.call('terminals.ack', { id, chars: data.length }).catch(() => undefined),
    );
    const payload = join(dir.path, 'quarter.txt');
    writeMixedText(payload, recordedBytes / 4);
    const before = residentMiB(serve.child.pid!);
    const ids: string[] = [];
    for (let index = 0; index < 4; index++) {
      const opened = await rpc.call('terminals.open', {
        target: { kind: 'local', shell: '/bin/sh' },
        cols: 120,
        rows: 30,
      });
      ids.push(opened.id);
    }
    await until(async () => (await rpc.call('terminals.list', {})).every((t) => t.integration === 'active'));
    await Promise.all(ids.map((id) => rpc.call('terminals.run', { id, command: `cat ${payload}` })));
    return { before, after: residentMiB(serve.child.pid!) };
  } finally {
    rpc.close();
    await serve.stop();
    dir.remove();
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('terminals did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}
