import { join } from 'node:path';

/**
 * A control host to reach with the system `ssh`: an ssh_config alias, or user@host:port, with an
 * optional jump host, identity file and extra `-o Key=Value` options. ~/.ssh/config, agents,
 * known_hosts and prompts work as in the operator's own terminal because this is their ssh.
 */
export interface SshProfile {
  /** An ssh_config Host alias, or a host name or address. */
  host: string;
  user?: string | undefined;
  port?: number | undefined;
  jump?: string | undefined;
  identityFile?: string | undefined;
  /** Extra options as `Key=Value`, passed as `-o Key=Value` before Handrail's own. */
  options?: string[] | undefined;
  /** An ssh_config file to use instead of ~/.ssh/config (`-F`). */
  configFile?: string | undefined;
}

/**
 * How long a master connection stays up after its last session closes, so background checks
 * can still use it. Ten minutes covers the waits between steps of an upgrade without keeping
 * idle connections for hours.
 */
export const controlPersist = '10m';

/** Handrail's options for every ssh it runs; sharing one authenticated connection per host. */
export function sharingOptions(controlDir: string): string[] {
  return [
    '-o',
    'ControlMaster=auto',
    '-o',
    // %C is a hash of local host, remote host, port and user: short enough for a socket path.
    `ControlPath=${join(controlDir, 'cm-%C')}`,
    '-o',
    `ControlPersist=${controlPersist}`,
    // Notice a dead network in about 45 s instead of never.
    '-o',
    'ServerAliveInterval=15',
    '-o',
    'ServerAliveCountMax=3',
  ];
}

const optionPattern = /^[A-Za-z][A-Za-z0-9]*=[^\0\r\n]*$/;
const hostPattern = /^[A-Za-z0-9_.:%[\]-]+$/;
const userPattern = /^[A-Za-z0-9_.][A-Za-z0-9_.@-]*$/;

/** Checks a profile; returns the first problem, naming the field, or undefined. */
export function profileProblem(profile: SshProfile): { field: string; message: string } | undefined {
  if (!hostPattern.test(profile.host) || profile.host.startsWith('-'))
    return { field: 'host', message: `'${profile.host}' is not a host name, address or ssh_config alias` };
  if (profile.user !== undefined && !userPattern.test(profile.user))
    return { field: 'user', message: `'${profile.user}' is not a user name` };
  if (profile.jump !== undefined && (profile.jump.startsWith('-') || /[\s\0]/.test(profile.jump)))
    return { field: 'jump', message: 'a jump host is [user@]host[:port] without spaces' };
  for (const [index, option] of (profile.options ?? []).entries()) {
    if (!optionPattern.test(option))
      return { field: `options.${index}`, message: `'${option}' is not Key=Value` };
  }
  return undefined;
}

/** The arguments before the destination: the profile's, then sharing. */
export function connectionArgs(profile: SshProfile, controlDir: string): string[] {
  const args: string[] = [];
  if (profile.configFile !== undefined) args.push('-F', profile.configFile);
  if (profile.port !== undefined) args.push('-p', String(profile.port));
  if (profile.jump !== undefined) args.push('-J', profile.jump);
  if (profile.identityFile !== undefined) args.push('-i', profile.identityFile);
  for (const option of profile.options ?? []) args.push('-o', option);
  args.push(...sharingOptions(controlDir));
  return args;
}

export function destination(profile: SshProfile): string {
  return profile.user === undefined ? profile.host : `${profile.user}@${profile.host}`;
}

/** `ssh` arguments for the interactive session (a tty is requested: it runs in a pty). */
export function interactiveArgs(profile: SshProfile, controlDir: string): string[] {
  return [...connectionArgs(profile, controlDir), '-tt', destination(profile)];
}
