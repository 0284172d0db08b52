import type { SshProfileInput } from '../../../shared/contract/index';

/** `alias`, `host`, `user@host` or `user@host:port` as a profile; undefined when it is none of them. */
export function parseDestination(text: string): SshProfileInput | undefined {
  const match = /^(?:([^@\s]+)@)?([^:\s]+)(?::(\d+))?$/.exec(text.trim());
  if (match === null) return undefined;
  const [, user, host, port] = match;
  if (host === undefined) return undefined;
  return {
    host,
    ...(user === undefined ? {} : { user }),
    ...(port === undefined ? {} : { port: Number(port) }),
  };
}

/** The profile's destination as typed: the inverse of parseDestination. */
export function formatDestination(profile: SshProfileInput): string {
  const user = profile.user === undefined ? '' : `${profile.user}@`;
  const port = profile.port === undefined ? '' : `:${profile.port}`;
  return `${user}${profile.host}${port}`;
}

/** The text fields of an SSH control host, as the forms hold them. */
export interface SshFieldValues {
  destination: string;
  jump: string;
  configFile: string;
}

export function fieldsOf(profile: SshProfileInput | undefined): SshFieldValues {
  if (profile === undefined) return { destination: '', jump: '', configFile: '' };
  return {
    destination: formatDestination(profile),
    jump: profile.jump ?? '',
    configFile: profile.configFile ?? '',
  };
}

/** The profile the fields describe, keeping what the form does not show (options, identity). */
export function profileOf(values: SshFieldValues, base?: SshProfileInput): SshProfileInput | undefined {
  const parsed = parseDestination(values.destination);
  if (parsed === undefined) return undefined;
  const jump = values.jump.trim();
  const configFile = values.configFile.trim();
  return {
    ...(base?.identityFile === undefined ? {} : { identityFile: base.identityFile }),
    ...(base?.options === undefined ? {} : { options: base.options }),
    ...parsed,
    ...(jump === '' ? {} : { jump }),
    ...(configFile === '' ? {} : { configFile }),
  };
}
