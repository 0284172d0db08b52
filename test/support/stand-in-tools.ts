import { appendFileSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { SshServer } from './sshd';

/**
 * Small stand-ins for `kayobe` and `osism` on the control host: they print what they were asked
 * and succeed, so a runbook's real commands run end to end without an OpenStack. They accept what
 * the real CLIs accept (Kayobe's `-kt`/`--kolla-tags` included: kayobe/kolla_ansible.py adds it to
 * every command that runs Kolla Ansible) and fail only where the real ones would. What a test can
 * lean on:
 * - `kolla ansible run …` needs the Kolla configuration generated first (by a successful
 *   `overcloud service configuration generate`), else it fails with exit 1 naming the missing
 *   inventory, as Kayobe's own check of the Kolla inventory does;
 * - `overcloud database backup` prints a `sha256sum`-style line naming the file it "wrote".
 * State (the generated-configuration mark) is kept beside the bin folder, never in the user's home.
 */
const kayobe = `#!/bin/sh
state="$(dirname "$0")/../state"
mkdir -p "$state"
case "$*" in
  "overcloud service configuration generate"*)
    touch "$state/config-generated" ;;
  "kolla ansible run "*)
    if [ ! -e "$state/config-generated" ]; then
      echo "Kolla inventory /etc/kolla/inventory/overcloud is invalid: it does not exist (generate the configuration first)" >&2
      exit 1
    fi ;;
  "overcloud database backup")
    echo "Backing up the overcloud database"
    echo "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  /var/lib/kayobe/backup/overcloud-db.sql.gz" ;;
esac
echo "kayobe $*: done"
`;

const osism = `#!/bin/sh
echo "osism $*: done"
`;

/** Writes the stand-ins into `<dir>/bin` and returns that folder. */
export function writeStandIns(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const [name, text] of Object.entries({ kayobe, osism })) {
    const path = join(bin, name);
    writeFileSync(path, text);
    chmodSync(path, 0o755);
  }
  return bin;
}

/**
 * Adds a Host entry to the test sshd's client config whose remote shell has the stand-ins first
 * on its PATH. The shell is `/bin/sh -i` started by the remote command, so no login profile
 * (which resets PATH for root on Debian) runs after PATH is set; the user's real dotfiles are
 * never touched.
 */
export function addStandInHost(server: SshServer, bin: string, alias = 'handrail-control-host'): string {
  appendFileSync(
    server.clientConfig,
    [
      `Host ${alias}`,
      '  HostName 127.0.0.1',
      `  Port ${server.port}`,
      ...sharedLines(server),
      `  RemoteCommand PATH=${bin}:$PATH exec /bin/sh -i`,
      '',
    ].join('\n'),
  );
  return alias;
}

/** The alias entry's connection settings (user, key, pinned host key) copied for the new alias. */
function sharedLines(server: SshServer): string[] {
  return [
    `  User ${userInfo().username}`,
    `  IdentityFile ${join(server.dir, 'user_ed25519')}`,
    '  IdentitiesOnly yes',
    `  HostKeyAlias ${server.alias}`,
    `  UserKnownHostsFile ${join(server.dir, 'known_hosts')}`,
    '  StrictHostKeyChecking yes',
    '  LogLevel ERROR',
  ];
}
