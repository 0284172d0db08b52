import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { rejection } from '../runbooks/host-fixture';
import { environmentInput, startRunHost, waitFor, type RunHostFixture } from '../run/host-fixture';

const fixtures = join(__dirname, '../../fixtures/inventory');
let fixture: RunHostFixture;
afterEach(() => fixture.close());

async function environment(): Promise<string> {
  const created = await fixture.client.call('environments.create', {
    environment: environmentInput({ controlHost: { kind: 'local', shell: '/bin/sh' } }),
  });
  return created.id;
}

test('preview parses every format; a bad inventory is refused naming file:line', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const ini = await client.call('inventories.preview', {
    text: readFileSync(join(fixtures, 'multinode.ini'), 'utf8'),
    fileName: 'multinode.ini',
  });
  expect(ini.format).toBe('ini');
  expect(ini.groups.find((group) => group.name === 'control')?.resolvedHosts).toEqual([
    'ctl-01',
    'ctl-02',
    'ctl-03',
  ]);
  const list = await client.call('inventories.preview', { text: 'web-1\nweb-2\n' });
  expect(list).toMatchObject({ format: 'list', hosts: [{ name: 'web-1' }, { name: 'web-2' }] });

  const cycle = await rejection(
    client.call('inventories.preview', {
      text: '[a:children]\nb\n\n[b:children]\na\n',
      fileName: 'loop.ini',
    }),
  );
  expect(cycle).toMatchObject({ code: 'invalid_params', field: 'params.text' });
  expect(cycle.message).toMatch(/^loop\.ini:\d+: /);
});

test('save replaces the environment inventory, survives a restart and is announced', async () => {
  fixture = startRunHost();
  const id = await environment();
  const announced: string[] = [];
  fixture.client.on('inventories.changed', (event) => announced.push(event.environmentId));
  expect(await fixture.client.call('inventories.get', { environmentId: id })).toBeNull();
  await fixture.client.call('inventories.save', {
    environmentId: id,
    text: '[web]\nweb-[1:3]\n',
    fileName: 'hosts.ini',
    source: { kind: 'pasted' },
  });
  await waitFor(() => announced.includes(id), 'inventories.changed');
  const saved = await fixture.client.call('inventories.save', {
    environmentId: id,
    text: '[web]\nweb-[1:4]\n',
    fileName: 'hosts.ini',
    source: { kind: 'file' },
  });
  expect(saved.inventory.hosts.map((host) => host.name)).toEqual(['web-1', 'web-2', 'web-3', 'web-4']);
  fixture = fixture.restart();
  const again = await fixture.client.call('inventories.get', { environmentId: id });
  expect(again).toMatchObject({ environmentId: id, source: { kind: 'file' } });
  expect(again?.inventory.hosts).toHaveLength(4);

  const bad = await rejection(
    fixture.client.call('inventories.save', {
      environmentId: id,
      text: '[web]\nweb-[3:1]\n',
      fileName: 'hosts.ini',
      source: { kind: 'pasted' },
    }),
  );
  expect(bad.message).toMatch(/^hosts\.ini:2: /);
  // The refused save left the saved inventory as it was.
  expect((await fixture.client.call('inventories.get', { environmentId: id }))?.inventory.hosts).toHaveLength(
    4,
  );

  await fixture.client.call('inventories.remove', { environmentId: id });
  expect(await fixture.client.call('inventories.get', { environmentId: id })).toBeNull();
});

test('fetch runs the command on the control host and previews its output', async () => {
  fixture = startRunHost();
  const id = await environment();
  const json = join(fixtures, 'ansible-inventory-list.json');
  const fetched = await fixture.client.call('inventories.fetch', {
    environmentId: id,
    command: `cat '${json}'`,
  });
  expect(fetched.inventory.format).toBe('json');
  expect(fetched.text).toBe(readFileSync(json, 'utf8'));
  expect(fetched.inventory.hosts.find((host) => host.name === 'ctl-02')?.vars).toMatchObject({
    vip_holder: true,
  });

  const failing = await rejection(
    fixture.client.call('inventories.fetch', {
      environmentId: id,
      command: 'echo "no inventory at /nowhere" >&2; exit 3',
    }),
  );
  expect(failing).toMatchObject({ code: 'conflict', field: 'params.command' });
  expect(failing.message).toContain('exited with 3');
  expect(failing.message).toContain('no inventory at /nowhere');
});
