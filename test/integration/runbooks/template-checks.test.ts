import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command, Runbook } from '../../../shared/runbook/index';
import { judgeBlock } from '../../../electron/host/run/expectations';
import { substitute } from '../../../electron/host/run/variables';
import { parseRunbook } from '../../../electron/host/runbook/index';
import { repoRoot } from '../../support/built-app';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The bundled templates' checks, run for real: each check's block goes through /bin/sh exactly as
 * the template writes it (variables filled in), against stand-ins for the tools it calls, and is
 * judged by the engine's own rules (exit code, expect-output, reject-output).
 */
const template = (name: string): Runbook =>
  parseRunbook(readFileSync(join(repoRoot, 'resources/runbooks', name), 'utf8'), name);

function commandOf(runbook: Runbook, stepId: string): Command {
  const step = runbook.phases.flatMap((phase) => phase.steps).find((candidate) => candidate.id === stepId);
  const command = step?.commands.find((candidate) => candidate.run);
  if (command === undefined) throw new Error(`${stepId} has no runnable block`);
  return command;
}

/** `osism get hosts -l GROUP` prints a psql-style table, the hosts listed in `<state>/group-GROUP`. */
const osism = `#!/bin/sh
state="$(dirname "$0")/../state"
if [ "$1 $2 $3" = "get hosts -l" ]; then
  echo "+------------------+"
  echo "| Host             |"
  echo "|------------------|"
  if [ -e "$state/group-$4" ]; then
    while read -r host; do echo "| $host |"; done < "$state/group-$4"
  fi
  echo "+------------------+"
  exit 0
fi
echo "osism $*: done"
`;

/** `ssh HOST COMMAND`: HOST's containers from `<state>/ps-HOST`; exit 255 when `<state>/down-HOST` exists. */
const ssh = `#!/bin/sh
state="$(dirname "$0")/../state"
host="$1"
if [ -e "$state/down-$host" ]; then
  echo "ssh: connect to host $host port 22: No route to host" >&2
  exit 255
fi
case "$2" in
  "docker ps"*) cat "$state/ps-$host" 2>/dev/null ;;
  *) echo "unexpected remote command: $2" >&2; exit 1 ;;
esac
`;

/** The manager's own docker: healthy containers, and a mark that it was asked. */
const docker = `#!/bin/sh
touch "$(dirname "$0")/../state/manager-docker-used"
echo "nova_api Up 2 hours (healthy)"
`;

/**
 * `kayobe overcloud host command run --command CMD --show-output --limit HOSTS`: CMD's output per
 * host as Kayobe's host-command-run playbook prints it (Ansible's debug of stdout: one JSON
 * string). A host's output is `<state>/df-HOST` when that exists, else CMD really run here; the
 * hosts are those in `<state>/hosts`.
 */
const kayobe = `#!/bin/sh
state="$(dirname "$0")/../state"
[ "$1 $2 $3 $4" = "overcloud host command run" ] || { echo "kayobe $*: done"; exit 0; }
shift 4
while [ $# -gt 0 ]; do
  case "$1" in
    --command) command="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    *) shift ;;
  esac
done
for host in $(cat "$state/hosts"); do
  if [ -e "$state/df-$host" ]; then output=$(cat "$state/df-$host"); else output=$(sh -c "$command"); fi
  echo "TASK [Print stdout] ****"
  printf 'ok: [%s] => {\\n    "msg": "%s"\\n}\\n' "$host" "$(printf '%s' "$output" | awk '{printf "%s\\\\n", $0}')"
done
`;

describe('bundled template checks, run through /bin/sh against stand-ins', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let bin: string;
  let state: string;

  beforeAll(() => {
    dir = makeTempDir('handrail-template-checks-');
    bin = join(dir.path, 'bin');
    state = join(dir.path, 'state');
    mkdirSync(bin);
    mkdirSync(state);
    for (const [name, text] of Object.entries({ osism, ssh, docker, kayobe })) {
      writeFileSync(join(bin, name), text);
      chmodSync(join(bin, name), 0o755);
    }
  });
  afterAll(() => dir.remove());

  function reset(files: Record<string, string>): void {
    rmSync(state, { recursive: true, force: true });
    mkdirSync(state);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(state, name), text);
  }

  function run(command: Command, variables: Record<string, string>): string[] {
    const result = spawnSync('/bin/sh', ['-c', substitute(command.text, variables)], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    });
    // The check runs as one script, so it is judged as one command of one (exit code and patterns).
    const whole = { text: command.text, exitCode: result.status, outcome: 'finished' as const };
    return judgeBlock([whole], 1, `${result.stdout}${result.stderr}`, command.expect, false);
  }

  describe('Security update of one service: Check the service', () => {
    const command = commandOf(template('security-update-one-service.md'), 'check-service');
    const variables = { service: 'nova', limit: 'compute' };
    const up = 'nova_compute Up 5 minutes (healthy)\nnova_libvirt Up 5 minutes\n';

    it('passes when every updated host runs the service’s containers up and healthy', () => {
      reset({ 'group-compute': 'com1\ncom2\n', 'ps-com1': up, 'ps-com2': up });
      expect(run(command, variables)).toEqual([]);
      // The manager's own containers were never asked: they are not what was updated.
      expect(existsSync(join(state, 'manager-docker-used'))).toBe(false);
    });

    it('fails on an exited or unhealthy container on any updated host, whatever the manager shows', () => {
      reset({
        'group-compute': 'com1\ncom2\n',
        'ps-com1': up,
        'ps-com2': 'nova_compute Exited (1) 2 minutes ago\nnova_libvirt Up 5 minutes\n',
      });
      expect(run(command, variables)).toEqual([expect.stringContaining('which it must not')]);
      reset({ 'group-compute': 'com1\n', 'ps-com1': 'nova_compute Up 1 minute (unhealthy)\n' });
      expect(run(command, variables)).toEqual([expect.stringContaining('which it must not')]);
    });

    it('fails when a host cannot be reached, and when the group has no hosts', () => {
      reset({ 'group-compute': 'com1\ncom2\n', 'ps-com1': up, 'down-com2': '' });
      expect(run(command, variables)).toEqual([expect.stringContaining('which it must not')]);
      reset({});
      expect(run(command, variables)).toEqual([expect.stringContaining('does not match')]);
    });
  });

  describe('Kayobe upgrade: Check free disk space on the hosts', () => {
    const command = commandOf(template('kayobe-upgrade.md'), 'check-disk');
    const df = (use: string) =>
      [
        'Filesystem      Size  Used Avail Use% Mounted on',
        'udev            7.8G     0  7.8G   0% /dev',
        `/dev/sda1        49G   ${use === '100%' ? '49G' : '40G'}  9.0G  ${use} /`,
        '/dev/sdb1       916G  110G  760G  13% /var/lib/docker',
      ].join('\n');

    it('fails when a filesystem is 90% full or more on any host, passes below', () => {
      for (const [use, fails] of [
        ['89%', false],
        ['90%', true],
        ['95%', true],
        ['100%', true],
        ['9%', false],
      ] as const) {
        reset({ hosts: 'ctl0 com0 stor0', 'df-ctl0': df('13%'), 'df-com0': df(use), 'df-stor0': df('40%') });
        expect(run(command, {}).length > 0, `${use} on one host`).toBe(fails);
      }
    });

    it('fails when the output shows no df table at all, even with exit 0', () => {
      reset({ hosts: 'ctl0', 'df-ctl0': '' });
      expect(run(command, {})).toEqual([expect.stringContaining('does not match /Use%/')]);
    });

    it('judges this machine’s own `df -h` as an independent reading of it does', () => {
      reset({ hosts: 'here' });
      // The highest Use% here, read by df itself rather than by the check's pattern.
      const highest = Math.max(
        ...execFileSync('df', ['--output=pcent'], { encoding: 'utf8' })
          .split('\n')
          .slice(1)
          .map((line) => Number.parseInt(line, 10))
          .filter((value) => Number.isFinite(value)),
      );
      expect(run(command, {}).length > 0, `highest use here ${highest}%`).toBe(highest >= 90);
    });
  });
});
