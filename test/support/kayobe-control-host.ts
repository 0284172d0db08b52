import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SshServer } from './sshd';
import { writeStandIns } from './stand-in-tools';

/**
 * A Kayobe control host on the test sshd, enough for the template's configuration steps to run
 * as written: real git repositories (an `origin` with the current release's branch, and an
 * upstream standing in for StackHPC's, reached through git's own `url.<base>.insteadOf` because
 * the machine is offline), a kayobe-config checkout with its `kayobe-env`, a virtualenv-like
 * folder whose `bin/activate` puts a stand-in `pip` first on PATH, the vault password file, and
 * the `kayobe` stand-in. The remote shell is bash (the template uses `source`) without rc files.
 * Everything lives in `dir`; git reads a config file of its own (GIT_CONFIG_GLOBAL), never the
 * user's.
 */
export interface KayobeControlHost {
  alias: string;
  configDir: string;
  venv: string;
  vaultPasswordFile: string;
  origin: string;
}

const upstreamUrl = 'https://github.com/stackhpc/stackhpc-kayobe-config';

export function writeKayobeControlHost(server: SshServer, dir: string): KayobeControlHost {
  const bin = writeStandIns(dir);
  const gitConfig = join(dir, 'gitconfig');
  const origin = join(dir, 'origin.git');
  const upstream = join(dir, 'stackhpc.git');
  const seed = join(dir, 'seed');
  const configDir = join(dir, 'src', 'kayobe-config');
  writeFileSync(
    gitConfig,
    [
      '[user]',
      '  name = Handrail Test',
      '  email = test@handrail.invalid',
      '[init]',
      '  defaultBranch = main',
      '[advice]',
      '  detachedHead = false',
      '[pull]',
      '  rebase = false',
      `[url "${upstream}"]`,
      `  insteadOf = ${upstreamUrl}`,
      '',
    ].join('\n'),
  );
  const env = { ...process.env, GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1' };
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, stdio: 'pipe' });

  // The deployment's configuration on the current release, and upstream's next release branch
  // grown from it with a change of its own.
  mkdirSync(join(seed, 'etc', 'kayobe', 'ansible'), { recursive: true });
  git(seed, 'init', '-q');
  writeFileSync(join(seed, 'etc', 'kayobe', 'globals.yml'), 'kolla_base_distro: rocky\n');
  writeFileSync(join(seed, 'requirements.txt'), 'kayobe@git+https://opendev.org/openstack/kayobe@stable\n');
  writeFileSync(
    join(seed, 'kayobe-env'),
    'export KAYOBE_CONFIG_PATH="$PWD/etc/kayobe"\nexport KOLLA_CONFIG_PATH="$PWD/etc/kolla"\n',
  );
  git(seed, 'add', '.');
  git(seed, 'commit', '-qm', 'deployment on 2023.1');
  git(seed, 'branch', '-m', 'example/2023.1');
  execFileSync('git', ['clone', '-q', '--bare', seed, origin], { env });
  execFileSync('git', ['clone', '-q', '--bare', seed, upstream], { env });
  const upstreamWork = join(dir, 'upstream-work');
  execFileSync('git', ['clone', '-q', upstream, upstreamWork], { env });
  git(upstreamWork, 'checkout', '-qb', 'stackhpc/2024.1');
  writeFileSync(join(upstreamWork, 'etc', 'kayobe', 'upstream.yml'), 'stackhpc_release: 2024.1\n');
  git(upstreamWork, 'add', '.');
  git(upstreamWork, 'commit', '-qm', 'upstream 2024.1');
  git(upstreamWork, 'push', '-q', 'origin', 'stackhpc/2024.1');
  mkdirSync(join(dir, 'src'), { recursive: true });
  execFileSync('git', ['clone', '-q', origin, configDir], { env });

  // The virtualenv: activate as venv writes it (PATH, VIRTUAL_ENV, deactivate), pip a stand-in
  // that needs the requirements file in the current folder.
  const venv = join(dir, 'venvs', 'kayobe');
  mkdirSync(join(venv, 'bin'), { recursive: true });
  writeFileSync(
    join(venv, 'bin', 'activate'),
    [
      `VIRTUAL_ENV='${venv}'`,
      'export VIRTUAL_ENV',
      '_OLD_VIRTUAL_PATH="$PATH"',
      'PATH="$VIRTUAL_ENV/bin:$PATH"',
      'export PATH',
      'deactivate () { PATH="$_OLD_VIRTUAL_PATH"; export PATH; unset VIRTUAL_ENV; unset -f deactivate; }',
      '',
    ].join('\n'),
  );
  const pip = join(venv, 'bin', 'pip');
  writeFileSync(
    pip,
    [
      '#!/bin/sh',
      'if [ "$1 $2 $3" != "install --force-reinstall -r" ] || [ ! -r "$4" ]; then',
      '  echo "pip: no requirements file $4 in $PWD" >&2; exit 1',
      'fi',
      'echo "Successfully installed from $PWD/$4"',
      '',
    ].join('\n'),
  );
  chmodSync(pip, 0o755);
  const vaultPasswordFile = join(dir, 'vault-password');
  writeFileSync(vaultPasswordFile, 'vault-pass-7f3a9c\n', { mode: 0o600 });

  const alias = 'handrail-kayobe-control-host';
  // The merge commit's message is accepted as git proposes it (an operator would save it).
  server.addHost(
    alias,
    `exec env PATH=${bin}:$PATH GIT_CONFIG_GLOBAL=${gitConfig} GIT_CONFIG_NOSYSTEM=1 GIT_MERGE_AUTOEDIT=no HOME=${dir} /bin/bash --norc --noprofile -i`,
  );
  return { alias, configDir, venv, vaultPasswordFile, origin };
}

/** The branches of a bare repository. */
export function branchesOf(repository: string): string[] {
  return execFileSync('git', ['for-each-ref', '--format=%(refname:short)', 'refs/heads'], {
    cwd: repository,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((line) => line !== '');
}
