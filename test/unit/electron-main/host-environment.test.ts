import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostEnvironment } from '../../../electron/main/host-environment';
import { makeTempDir } from '../../support/temp-dir';

describe("the host utility process's environment", () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir('handrail-host-env-');
  });
  afterEach(() => dir.remove());

  const launcher = {
    HOME: '/home/op',
    USER: 'op',
    PATH: '/usr/bin:/bin',
    SHELL: '/bin/bash',
    LANG: 'en_GB.UTF-8',
    LC_TIME: 'de_DE.UTF-8',
    XDG_DATA_HOME: '/home/op/.local/share',
    XDG_RUNTIME_DIR: '/run/user/1000',
    SSH_AUTH_SOCK: '/run/user/1000/ssh-agent',
    DISPLAY: ':0',
    https_proxy: 'http://proxy:3128',
    HANDRAIL_RESOURCES_DIR: '/opt/handrail/resources',
    HANDRAIL_DATA_DIR: '/somewhere/else',
    NODE_OPTIONS: '--require /tmp/evil.cjs',
    NODE_EXTRA_CA_CERTS: '/tmp/evil-ca.pem',
    NODE_PATH: '/tmp/evil-modules',
    ELECTRON_RUN_AS_NODE: '1',
    LD_PRELOAD: '/tmp/evil.so',
    OS_PASSWORD: 'from-an-openrc',
    UNSET: undefined,
  };

  it('passes the session, agent, proxy, locale and XDG variables and sets the data folder', () => {
    const env = hostEnvironment(launcher, { dataDir: '/home/op/.config/Handrail' });
    expect(env).toEqual({
      HOME: '/home/op',
      USER: 'op',
      PATH: '/usr/bin:/bin',
      SHELL: '/bin/bash',
      LANG: 'en_GB.UTF-8',
      LC_TIME: 'de_DE.UTF-8',
      XDG_DATA_HOME: '/home/op/.local/share',
      XDG_RUNTIME_DIR: '/run/user/1000',
      SSH_AUTH_SOCK: '/run/user/1000/ssh-agent',
      DISPLAY: ':0',
      https_proxy: 'http://proxy:3128',
      HANDRAIL_RESOURCES_DIR: '/opt/handrail/resources',
      HANDRAIL_DATA_DIR: '/home/op/.config/Handrail',
    });
  });

  it('keeps out NODE_OPTIONS, which a real Node would obey', () => {
    const marker = join(dir.path, 'ran');
    const evil = join(dir.path, 'evil.cjs');
    writeFileSync(evil, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'yes');`);
    const launched = { ...process.env, NODE_OPTIONS: `--require ${evil}` };
    const probe = `console.log(require('node:fs').existsSync(${JSON.stringify(marker)}))`;
    // Given main's whole environment, as before, Node runs the file before the host's code.
    expect(execFileSync(process.execPath, ['-e', probe], { env: launched, encoding: 'utf8' }).trim()).toBe(
      'true',
    );
    rmSync(marker);
    const env = hostEnvironment(launched, { dataDir: dir.path });
    expect(env.NODE_OPTIONS).toBeUndefined();
    expect(execFileSync(process.execPath, ['-e', probe], { env, encoding: 'utf8' }).trim()).toBe('false');
  });
});
