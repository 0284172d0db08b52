import { afterEach, expect, test } from 'vitest';
import { rejection } from '../runbooks/host-fixture';
import { environmentInput, startRunHost, type RunHostFixture } from './host-fixture';

let fixture: RunHostFixture;
afterEach(() => fixture.close());

test('environments are created, listed, updated and deleted, each change broadcast', async () => {
  fixture = startRunHost();
  const { client, events } = fixture;
  const created = await client.call('environments.create', {
    environment: environmentInput({
      name: 'Prod West',
      kind: 'production',
      colour: '#C0392B',
      variables: { release: '2024.1' },
    }),
  });
  expect(created).toMatchObject({
    name: 'Prod West',
    kind: 'production',
    colour: '#c0392b',
    variables: { release: '2024.1' },
    rememberedSecrets: [],
  });
  expect(await client.call('environments.list', {})).toHaveLength(1);
  const updated = await client.call('environments.update', {
    id: created.id,
    environment: environmentInput({ name: 'Prod West', kind: 'production', secretNames: ['db_password'] }),
  });
  expect(updated.secretNames).toEqual(['db_password']);
  expect(updated.variables).toEqual({});
  await client.call('environments.delete', { id: created.id });
  expect(await client.call('environments.list', {})).toEqual([]);
  expect((await rejection(client.call('environments.get', { id: created.id }))).code).toBe('not_found');
  expect(events.filter((event) => event.topic === 'environments.changed')).toHaveLength(3);
});

test('bad environments are refused naming the field', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  await client.call('environments.create', { environment: environmentInput() });
  const taken = await rejection(
    client.call('environments.create', { environment: environmentInput({ name: 'testbed' }) }),
  );
  expect(taken).toMatchObject({ code: 'conflict', field: 'params.environment.name' });
  const plainSecret = await rejection(
    client.call('environments.create', {
      environment: environmentInput({ name: 'Other', variables: { token: 'x' }, secretNames: ['token'] }),
    }),
  );
  expect(plainSecret).toMatchObject({ code: 'invalid_params', field: 'params.environment.variables.token' });
  const badColour = await rejection(
    client.call('environments.create', { environment: environmentInput({ name: 'C', colour: 'red; x' }) }),
  );
  expect(badColour.code).toBe('invalid_params');
  expect(badColour.message).toContain('colour');
});

test('remembered secrets are stored as the sealed blobs given, and only for secret variables', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const environment = await client.call('environments.create', {
    environment: environmentInput({ secretNames: ['db_password'] }),
  });
  const sealed = Buffer.from('sealed-by-the-os-keychain').toString('base64');
  await client.call('environments.rememberSecret', { id: environment.id, name: 'db_password', sealed });
  expect((await client.call('environments.get', { id: environment.id })).rememberedSecrets).toEqual([
    'db_password',
  ]);
  expect(await client.call('environments.sealedSecrets', { id: environment.id })).toEqual({
    db_password: sealed,
  });
  const notSecret = await rejection(
    client.call('environments.rememberSecret', { id: environment.id, name: 'release', sealed }),
  );
  expect(notSecret).toMatchObject({ code: 'invalid_params', field: 'params.name' });
  // Updating the environment so the variable is no longer secret drops its sealed value.
  await client.call('environments.update', { id: environment.id, environment: environmentInput() });
  expect(await client.call('environments.sealedSecrets', { id: environment.id })).toEqual({});
  await client.call('environments.update', {
    id: environment.id,
    environment: environmentInput({ secretNames: ['db_password'] }),
  });
  await client.call('environments.rememberSecret', { id: environment.id, name: 'db_password', sealed });
  await client.call('environments.forgetSecret', { id: environment.id, name: 'db_password' });
  expect(await client.call('environments.sealedSecrets', { id: environment.id })).toEqual({});
});
