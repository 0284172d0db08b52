import { expect, test } from 'vitest';
import { interactiveArgs, profileProblem } from '../../../electron/host/terminal/ssh/ssh-profile';

test('an interactive session shares its connection through a socket in the data folder', () => {
  const args = interactiveArgs(
    {
      host: 'control.example',
      user: 'ops',
      port: 2222,
      jump: 'bastion',
      identityFile: '/keys/id',
      options: ['ConnectTimeout=5'],
    },
    '/data/ssh',
  );
  expect(args.slice(0, 8)).toEqual([
    '-p',
    '2222',
    '-J',
    'bastion',
    '-i',
    '/keys/id',
    '-o',
    'ConnectTimeout=5',
  ]);
  expect(args).toContain('ControlMaster=auto');
  expect(args).toContain('ControlPath=/data/ssh/cm-%C');
  expect(args.some((arg) => arg.startsWith('ControlPersist='))).toBe(true);
  expect(args.slice(-2)).toEqual(['-tt', 'ops@control.example']);
});

test('profiles that could smuggle options into ssh are refused, naming the field', () => {
  expect(profileProblem({ host: '-oProxyCommand=x' })?.field).toBe('host');
  expect(profileProblem({ host: 'ok', user: '-l' })?.field).toBe('user');
  expect(profileProblem({ host: 'ok', jump: '-x' })?.field).toBe('jump');
  expect(profileProblem({ host: 'ok', options: ['Bad option'] })?.field).toBe('options.0');
  expect(profileProblem({ host: 'my-alias' })).toBeUndefined();
});
