import { expect, test } from 'vitest';
import { draftOf, inputOf, newDraft } from '../../../renderer/src/environments/environment-draft';
import { formatDestination, parseDestination } from '../../../renderer/src/terminals/ssh-destination';

test('an SSH environment round-trips through the form, keeping fields the form does not show', () => {
  const environment = {
    id: '33333333-3333-4333-8333-333333333333',
    name: 'prod-1',
    kind: 'production' as const,
    colour: '#b3261e',
    description: '',
    controlHost: {
      kind: 'ssh' as const,
      profile: {
        host: 'ctl',
        user: 'ops',
        port: 2222,
        configFile: '/tmp/cfg',
        options: ['ServerAliveInterval=5'],
      },
    },
    variables: { release: '2024.1' },
    secretNames: ['vault_password_file'],
    rememberedSecrets: [],
    createdAt: '',
    updatedAt: '',
  };
  const result = inputOf(draftOf(environment));
  expect(result).toEqual({
    input: {
      name: 'prod-1',
      kind: 'production',
      colour: '#b3261e',
      description: '',
      controlHost: environment.controlHost,
      variables: { release: '2024.1' },
      secretNames: ['vault_password_file'],
    },
  });
});

test('problems a person can fix are named', () => {
  expect(inputOf({ ...newDraft(), hostKind: 'ssh' })).toEqual({
    problem: 'Control host: type an ssh_config alias or user@host:port',
  });
  const twice = {
    ...newDraft(),
    variables: [
      { name: 'a', value: '1' },
      { name: 'a', value: '2' },
    ],
  };
  expect(inputOf(twice)).toEqual({ problem: 'Variable a is listed twice' });
  expect(parseDestination('user@host:22 extra')).toBeUndefined();
  expect(formatDestination({ host: 'h', user: 'u', port: 22 })).toBe('u@h:22');
});

test('the Sandbox keeps its stand-in shell through an edit; a new local environment has none', () => {
  const sandbox = {
    id: '44444444-4444-4444-8444-444444444444',
    name: 'Sandbox',
    kind: 'training' as const,
    colour: '#2b6cb0',
    description: '',
    controlHost: { kind: 'local' as const, shell: '/bin/bash', sandbox: true as const },
    variables: {},
    secretNames: [],
    rememberedSecrets: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  expect(inputOf(draftOf(sandbox))).toMatchObject({ input: { controlHost: sandbox.controlHost } });
  expect(inputOf({ ...newDraft(), name: 'lab' })).toMatchObject({
    input: { controlHost: { kind: 'local' } },
  });
  const plain = inputOf({ ...newDraft(), name: 'lab' });
  expect('input' in plain && 'sandbox' in plain.input.controlHost).toBe(false);
});
