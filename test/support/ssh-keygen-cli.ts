import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findOnPath, skipReason } from './prerequisites';

/**
 * The real OpenSSH tools as the reference for Handrail's SSH signatures: key generation,
 * `ssh-keygen -Y verify` with an allowed_signers file, fingerprints and a private ssh-agent.
 */

const install = 'install the OpenSSH client (`sudo apt-get install openssh-client`)';

/** Whether ssh-keygen is here; prints why not (and throws with CI=true, see prerequisites.ts). */
export function sshKeygenAvailable(): boolean {
  const reason = skipReason(findOnPath('ssh-keygen', install));
  if (reason !== undefined) console.warn(reason);
  return reason === undefined;
}

/** A new key pair at `path` (and `path.pub`); `extra` e.g. ['-b', '2048'] for RSA. */
export function generateKey(path: string, type: string, passphrase = '', extra: string[] = []): string {
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    type,
    '-N',
    passphrase,
    '-C',
    `test-${type}`,
    '-f',
    path,
    ...extra,
  ]);
  return `${path}.pub`;
}

/** `SHA256:...` of a key file as ssh-keygen prints it. */
export function keygenFingerprint(publicKeyPath: string): string {
  const line = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyPath], { encoding: 'utf8' });
  const match = /SHA256:[A-Za-z0-9+/]+/.exec(line);
  if (!match) throw new Error(`no fingerprint in: ${line}`);
  return match[0];
}

export interface KeygenVerifyResult {
  ok: boolean;
  output: string;
}

/** Runs `ssh-keygen -Y verify` on the message with an allowed_signers file written to `dir`. */
export function keygenVerify(options: {
  dir: string;
  allowedSigners: string;
  identity: string;
  signature: string;
  message: Uint8Array | string;
  namespace?: string;
}): KeygenVerifyResult {
  const allowed = join(options.dir, 'allowed_signers');
  const sig = join(options.dir, 'payload.sig');
  writeFileSync(allowed, options.allowedSigners);
  writeFileSync(sig, options.signature);
  const run = spawnSync(
    'ssh-keygen',
    ['-Y', 'verify', '-f', allowed, '-I', options.identity, '-n', options.namespace ?? 'handrail', '-s', sig],
    { input: options.message, encoding: 'utf8' },
  );
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

/** A private ssh-agent on a socket in `dir`; stop() ends it. */
export async function startSshAgent(dir: string): Promise<{ socket: string; stop(): void }> {
  const socket = join(dir, 'agent.sock');
  const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (agent.exitCode !== null || Date.now() > deadline)
      throw new Error('ssh-agent did not create its socket');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { socket, stop: () => agent.kill() };
}

/** `ssh-add KEY`, answering a passphrase prompt through SSH_ASKPASS (no terminal needed). */
export function sshAdd(socket: string, keyPath: string, dir: string, passphrase = ''): void {
  const askpass = join(dir, 'askpass.sh');
  writeFileSync(askpass, `#!/bin/sh\nprintf '%s\\n' '${passphrase.replace(/'/g, '')}'\n`, { mode: 0o700 });
  execFileSync('ssh-add', ['-q', keyPath], {
    env: {
      ...process.env,
      SSH_AUTH_SOCK: socket,
      SSH_ASKPASS: askpass,
      SSH_ASKPASS_REQUIRE: 'force',
      DISPLAY: ':0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}
