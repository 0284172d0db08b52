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

test('a view that attaches again gets the recent output with the sizes it was written at, then live output', async () => {
  const { host, connect } = setUp();
  const first = connect();
  const session = await first.call('terminals.open', {
    target: { kind: 'local', shell: '/bin/bash' },
    cols: 100,
    rows: 30,
  });
  await until(
    async () =>
      (await first.call('terminals.list', {})).find((t) => t.id === session.id)?.integration === 'active',
    'the shell integration',
  );
  await first.call('terminals.run', { id: session.id, command: 'echo "written at $(tput cols)"' });
  await first.call('terminals.resize', { id: session.id, cols: 60, rows: 20 });
  await first.call('terminals.resize', { id: session.id, cols: 60, rows: 20 }); // no change: not recorded
  await first.call('terminals.run', { id: session.id, command: 'echo "then at $(tput cols)"' });

  // A reload: a new connection attaches and is drawn what came before, at 100 then 60 columns.
  const second = connect();
  const live: string[] = [];
  second.on('terminals.data', ({ data }) => live.push(data));
  const { recent } = await second.call('terminals.attach', { id: session.id });
  const data = Buffer.from(recent.data, 'base64').toString('utf8');
  expect(recent).toMatchObject({ cols: 100, rows: 30 });
  expect(recent.resizes).toHaveLength(1);
  const resize = recent.resizes[0]!;
  expect(resize).toMatchObject({ cols: 60, rows: 20 });
  const bytes = Buffer.from(recent.data, 'base64');
  expect(bytes.subarray(0, resize.offset).toString('utf8')).toContain('written at 100');
  expect(bytes.subarray(resize.offset).toString('utf8')).toContain('then at 60');
  expect(data).not.toContain('633;');

  // From now on, output goes to the new view only, and nothing drawn is sent twice.
  const done = second.call('terminals.run', { id: session.id, command: 'echo after-attach' });
  await done;
  await until(() => live.join('').includes('after-attach'), 'live output after attaching');
  expect(live.join('')).not.toContain('then at 60');

  const cast = (await second.call('terminals.exportAsciicast', { id: session.id })).text.split('\n');
  const resizeLine = cast.findIndex((line) => line.includes('"r","60x20"'));
  expect(resizeLine).toBeGreaterThan(0);
  expect(cast.slice(1, resizeLine).join('')).toContain('written at 100');
  expect(cast.slice(resizeLine).join('')).toContain('then at 60');
  host.close();
});
