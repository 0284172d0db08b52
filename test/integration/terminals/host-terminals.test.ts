import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createHost } from '../../../electron/host/host';
import { RpcClient } from '../../../shared/rpc/client';
import { messagePortPair } from '../../support/channels';
import { makeTempDir } from '../../support/temp-dir';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function setUp() {
  const dir = makeTempDir();
  const host = createHost({ dataDir: dir.path, version: '0.0.0-test' });
  const connect = (): RpcClient => {
    const pair = messagePortPair();
    host.server.attach(pair.hostSide);
    const client = new RpcClient(pair.clientSide);
    cleanups.push(() => pair.close());
    return client;
  };
  cleanups.push(() => dir.remove());
  return { dir, host, connect };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('output goes only to the opening connection, and host.close kills the shells', async () => {
  const { host, connect, dir } = setUp();
  const opener = connect();
  const bystander = connect();
  const seenByBystander: string[] = [];
  bystander.on('terminals.data', ({ data }) => seenByBystander.push(data));
  let seen = '';
  opener.on('terminals.data', ({ id, data }) => {
    seen += data;
    // Acks are fire-and-forget; the last ones are refused when the host closes below.
    opener.call('terminals.ack', { id, chars: data.length }).catch(() => undefined);
  });
  expect(statSync(join(dir.path, 'ssh')).mode & 0o777).toBe(0o700);

  const session = await opener.call('terminals.open', { target: { kind: 'local', shell: '/bin/bash' } });
  await until(
    async () => (await opener.call('terminals.list', {}))[0]?.integration === 'active',
    'the integration',
  );
  const result = await opener.call('terminals.run', { id: session.id, command: 'echo "pid=$$"' });
  const pid = Number(/pid=(\d+)/.exec(result.output)?.[1]);
  expect(pid).toBeGreaterThan(0);
  expect(alive(pid)).toBe(true);
  await until(() => seen.includes('pid='), 'output at the opener');
  expect(seenByBystander).toEqual([]);
  const commands = await opener.call('terminals.commands', { id: session.id });
  expect(commands.at(-1)).toMatchObject({ text: 'echo "pid=$$"', exitCode: 0, outcome: 'finished' });

  host.close();
  await until(() => !alive(pid), 'the shell to end');
});

test('a bad SSH profile is refused with the field named, and nothing crashes', async () => {
  const { connect } = setUp();
  const client = connect();
  const refused = await client
    .call('terminals.open', { target: { kind: 'ssh', profile: { host: '-oProxyCommand=touch /tmp/x' } } })
    .catch((error: unknown) => error);
  expect(refused).toMatchObject({ code: 'invalid_params', field: 'params.target.profile.host' });
  const badOption = await client
    .call('terminals.open', { target: { kind: 'ssh', profile: { host: 'h', options: ['no equals sign'] } } })
    .catch((error: unknown) => error);
  expect(badOption).toMatchObject({ code: 'invalid_params', field: 'params.target.profile.options.0' });
  const missing = await client
    .call('terminals.run', { id: crypto.randomUUID(), command: 'true' })
    .catch((e: unknown) => e);
  expect(missing).toMatchObject({ code: 'not_found' });
  expect((await client.call('app.info', {})).name).toBe('Handrail');
});
