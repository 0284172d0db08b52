import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { handrailNamespace } from './sshsig';
import { verifySshSignature, type SshSigner } from './sshsig-verify';

/**
 * Signing with the operator's own SSH key through `ssh-keygen -Y sign`, so that keys held by
 * ssh-agent and hardware keys work as they do for ssh: `keyPath` may name a public key whose
 * private half only the agent holds. ssh-keygen runs without a terminal (own session, stdin
 * /dev/null), so it can never stop to ask for a passphrase; that case is reported instead.
 */

/** Long enough for a hardware key waiting to be touched, short enough not to hang a sign-off. */
export const defaultSshKeygenTimeoutMs = 60_000;

export interface SshKeygenSignOptions {
  /** Private key file, or public key file when ssh-agent holds the private key. */
  keyPath: string;
  message: Uint8Array | string;
  namespace?: string;
  timeoutMs?: number;
  /** Defaults to `ssh-keygen` on PATH. */
  sshKeygen?: string;
  /** The environment ssh-keygen sees (SSH_AUTH_SOCK selects the agent); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface SshKeygenSignature {
  /** Armoured `-----BEGIN SSH SIGNATURE-----` text. */
  signature: string;
  /** The signing key, when Handrail's verifier knows its type (all but exotic ones such as ssh-dss). */
  signer?: SshSigner;
}

export class SshKeygenSignError extends Error {
  override name = 'SshKeygenSignError';
}

export async function signWithSshKeygen(options: SshKeygenSignOptions): Promise<SshKeygenSignature> {
  const keyPath = resolve(options.keyPath);
  if (!existsSync(keyPath)) throw new SshKeygenSignError(`SSH key not found: ${keyPath}`);
  const namespace = options.namespace ?? handrailNamespace;
  const workDir = mkdtempSync(join(tmpdir(), 'handrail-sign-'));
  try {
    // A file argument rather than stdin: given a key with a passphrase and no terminal,
    // ssh-keygen would read the passphrase from stdin, i.e. from the message.
    const messagePath = join(workDir, 'message');
    writeFileSync(messagePath, options.message, { mode: 0o600 });
    await runSshKeygen(options, ['-Y', 'sign', '-n', namespace, '-f', keyPath, messagePath], keyPath);
    const signature = readFileSync(`${messagePath}.sig`, 'utf8');
    return checked(signature, options.message, namespace, keyPath);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Refuses output that is not a valid signature over the message; key types Handrail cannot check pass. */
function checked(signature: string, message: Uint8Array | string, namespace: string, keyPath: string) {
  const result = verifySshSignature({ message, signature, namespace });
  if (result.valid) return { signature, signer: result.signer };
  if (result.signer === undefined && /is not supported here/.test(result.problem)) return { signature };
  throw new SshKeygenSignError(
    `ssh-keygen signed with ${keyPath} but the signature does not verify: ${result.problem}`,
  );
}

function runSshKeygen(options: SshKeygenSignOptions, args: string[], keyPath: string): Promise<void> {
  const program = options.sshKeygen ?? 'ssh-keygen';
  const timeoutMs = options.timeoutMs ?? defaultSshKeygenTimeoutMs;
  return new Promise((resolvePromise, reject) => {
    // detached: a session of its own, so ssh-keygen has no /dev/tty to prompt on.
    const child = spawn(program, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
      env: { ...(options.env ?? process.env), SSH_ASKPASS_REQUIRE: 'never' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 16_384) stderr += chunk;
    });
    const timer = setTimeout(() => {
      killTree(child);
      reject(
        new SshKeygenSignError(
          `ssh-keygen did not finish signing with ${keyPath} within ${timeoutMs} ms ` +
            '(a hardware key may be waiting to be touched); it was stopped',
        ),
      );
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new SshKeygenSignError(
              `${program} not found: install the OpenSSH client to sign with your own SSH key`,
            )
          : new SshKeygenSignError(`could not start ${program}: ${error.message}`),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise();
      else reject(new SshKeygenSignError(explain(stderr, keyPath, code, signal)));
    });
  });
}

function explain(
  stderr: string,
  keyPath: string,
  code: number | null,
  signal: NodeJS.Signals | null,
): string {
  const detail = stderr.replace(/Enter passphrase[^:]*:\s*/g, '').trim();
  if (/incorrect passphrase|passphrase/i.test(stderr))
    return (
      `${keyPath} is protected by a passphrase and Handrail has no terminal to ask for it: ` +
      `add the key to ssh-agent (ssh-add ${keyPath}) and sign again (ssh-keygen: ${detail})`
    );
  if (/No private key found/i.test(stderr))
    return `ssh-agent does not hold the private key for ${keyPath} and no private key file is next to it: run ssh-add first (ssh-keygen: ${detail})`;
  const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
  return `ssh-keygen could not sign with ${keyPath} (${how}): ${detail || 'no message'}`;
}

/** ssh-keygen leads its own process group (detached), so a helper it started goes too. */
function killTree(child: ChildProcess): void {
  try {
    if (process.platform === 'win32' || child.pid === undefined) child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
