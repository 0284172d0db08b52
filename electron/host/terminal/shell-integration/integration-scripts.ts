import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ShellKind = 'bash' | 'zsh' | 'sh';

/**
 * resources/shell-integration/ from the bundle (dist/host/ -> ../../resources) or from the
 * sources (electron/host/terminal/shell-integration/ -> ../../../../resources).
 */
export function integrationDir(): string {
  const candidates = ['../../resources/shell-integration/', '../../../../resources/shell-integration/'];
  for (const candidate of candidates) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}bash.sh`)) return dir;
  }
  throw new Error('resources/shell-integration is missing from this installation');
}

export function shellKind(shellPath: string): ShellKind | undefined {
  const name = basename(shellPath).replace(/^-/, '');
  if (name === 'bash') return 'bash';
  if (name === 'zsh') return 'zsh';
  if (name === 'sh' || name === 'dash' || name === 'ash' || name === 'ksh' || name === 'mksh') return 'sh';
  return undefined;
}

export interface LocalLaunch {
  args: string[];
  env: Record<string, string>;
}

/**
 * How to start a local shell so that it loads the integration itself, at spawn. `nonceFile`
 * holds the session nonce (nonce-handoff.ts); the integration reads it and deletes it.
 */
export function localLaunch(kind: ShellKind, nonceFile: string, env: Record<string, string>): LocalLaunch {
  const dir = integrationDir();
  const common = { HANDRAIL_NONCE_FILE: nonceFile };
  switch (kind) {
    case 'bash':
      // --rcfile replaces ~/.bashrc; bash.sh reads the user's rc files itself, then adds the hooks.
      return { args: ['--rcfile', `${dir}bash.sh`, '-i'], env: { ...common, HANDRAIL_SOURCE_RC: '1' } };
    case 'zsh':
      return {
        args: ['-i'],
        env: {
          ...common,
          ZDOTDIR: dir.replace(/\/$/, ''),
          HANDRAIL_USER_ZDOTDIR: env.ZDOTDIR ?? env.HOME ?? '',
          HANDRAIL_INTEGRATION_DIR: dir.replace(/\/$/, ''),
        },
      };
    case 'sh': {
      // An interactive POSIX sh reads the file named by $ENV; sh.sh reads the user's own after.
      const userEnv: Record<string, string> = env.ENV === undefined ? {} : { HANDRAIL_USER_ENV: env.ENV };
      return { args: ['-i'], env: { ...common, ...userEnv, ENV: `${dir}sh.sh` } };
    }
  }
}

/** The script typed into a remote shell of this kind (after the loader asked for it). */
export function remoteScript(kind: ShellKind): string {
  const file = kind === 'bash' ? 'bash.sh' : kind === 'zsh' ? 'zsh.sh' : 'sh.sh';
  return readFileSync(`${integrationDir()}${file}`, 'utf8');
}
