import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findSshd, skipReason } from './prerequisites';

/**
 * Whether sshd can run here. Outside CI a missing sshd skips the tests with a message; in CI
 * (CI=true) it is an error (test/support/prerequisites.ts), because there the tests must run.
 */
export function sshdAvailable(): boolean {
  const reason = skipReason(findSshd());
  if (reason !== undefined) console.warn(reason);
  return reason === undefined;
}

/**
 * A real OpenSSH server on a free 127.0.0.1 port, as the current user, with a throwaway host
 * key, a throwaway user key in its own authorized_keys, and a private config. `alias` (login
 * shell) and `shAlias` (/bin/sh -i as the remote command) are Host entries in `clientConfig`,
 * which pins the host key in a private known_hosts.
 */
export class SshServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'handrail-sshd-'));
  readonly clientConfig = join(this.dir, 'ssh_config');
  readonly alias = 'handrail-test';
  readonly shAlias = 'handrail-test-sh';
  port = 0;
  private process: ChildProcess | undefined;

  async start(): Promise<void> {
    const hostKey = join(this.dir, 'host_ed25519');
    const userKey = join(this.dir, 'user_ed25519');
    for (const key of [hostKey, userKey]) {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'handrail-test', '-f', key]);
    }
    writeFileSync(join(this.dir, 'authorized_keys'), readFileSync(`${userKey}.pub`), { mode: 0o600 });
    this.port = await freePort();
    const user = userInfo().username;
    writeFileSync(
      join(this.dir, 'sshd_config'),
      [
        `Port ${this.port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `PidFile ${join(this.dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(this.dir, 'authorized_keys')}`,
        `AllowUsers ${user}`,
        'StrictModes no',
        'UsePAM no',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        // The tests here run as root.
        'PermitRootLogin yes',
        'PrintMotd no',
        'PrintLastLog no',
        'LogLevel INFO',
        '',
      ].join('\n'),
    );
    const hostPublic = readFileSync(`${hostKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(join(this.dir, 'known_hosts'), `${this.alias} ${hostPublic}\n`);
    writeFileSync(this.clientConfig, '');
    this.addHost(this.alias);
    this.addHost(this.shAlias, '/bin/sh -i');
    // Privilege separation needs this folder when sshd starts as root.
    if (user === 'root' && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
    const child = spawn(
      findSshd().path ?? '/usr/sbin/sshd',
      ['-D', '-e', '-f', join(this.dir, 'sshd_config')],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      let log = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (text: string) => {
        log += text;
        if (log.includes('Server listening')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`sshd exited with ${code}: ${log}`)));
    });
  }

  /**
   * Adds a Host entry to `clientConfig` that reaches this server as the current user with the
   * test key and the pinned host key; `remoteCommand` replaces the login shell.
   */
  addHost(alias: string, remoteCommand?: string): void {
    appendFileSync(
      this.clientConfig,
      [
        `Host ${alias}`,
        '  HostName 127.0.0.1',
        `  Port ${this.port}`,
        `  User ${userInfo().username}`,
        `  IdentityFile ${join(this.dir, 'user_ed25519')}`,
        '  IdentitiesOnly yes',
        `  HostKeyAlias ${this.alias}`,
        `  UserKnownHostsFile ${join(this.dir, 'known_hosts')}`,
        '  StrictHostKeyChecking yes',
        '  LogLevel ERROR',
        ...(remoteCommand === undefined ? [] : [`  RemoteCommand ${remoteCommand}`]),
        '',
      ].join('\n'),
    );
  }

  /** Kills the sshd processes serving connections (not the listener): connections drop. */
  killConnections(): number {
    const listener = this.process?.pid;
    if (listener === undefined) return 0;
    const children = childrenOf(listener);
    for (const pid of children) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    return children.length;
  }

  /** The sshd processes serving connections now (one per connection, and their children). */
  connectionCount(): number {
    const listener = this.process?.pid;
    return listener === undefined ? 0 : childrenOf(listener).length;
  }

  stop(): void {
    this.process?.kill('SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which is in parentheses and may hold spaces).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
