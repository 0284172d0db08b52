import type {
  Environment,
  EnvironmentInput,
  EnvironmentKind,
  SshProfileInput,
} from '../../../shared/contract/index';
import { fieldsOf, profileOf, type SshFieldValues } from '../terminals/ssh-destination';

/** Colours a new environment starts with, by kind (the operator may change them). */
export const kindColours: Record<EnvironmentKind, string> = {
  production: '#b3261e',
  staging: '#b7791f',
  test: '#2f855a',
  training: '#2b6cb0',
};

/** The editor's form state: text as typed, turned into an EnvironmentInput on save. */
export interface EnvironmentDraft {
  name: string;
  kind: EnvironmentKind;
  colour: string;
  description: string;
  hostKind: 'local' | 'ssh';
  shell: string;
  /** The practice sandbox's shell (stand-in commands on PATH): kept as it is through an edit. */
  sandbox: boolean;
  ssh: SshFieldValues;
  sshBase: SshProfileInput | undefined;
  variables: Array<{ name: string; value: string }>;
  secretNames: string;
}

export function newDraft(): EnvironmentDraft {
  return {
    name: '',
    kind: 'test',
    colour: kindColours.test,
    description: '',
    hostKind: 'local',
    shell: '',
    sandbox: false,
    ssh: fieldsOf(undefined),
    sshBase: undefined,
    variables: [],
    secretNames: '',
  };
}

export function draftOf(environment: Environment): EnvironmentDraft {
  const host = environment.controlHost;
  return {
    name: environment.name,
    kind: environment.kind,
    colour: environment.colour,
    description: environment.description,
    hostKind: host.kind,
    shell: host.kind === 'local' ? (host.shell ?? '') : '',
    sandbox: host.kind === 'local' && host.sandbox === true,
    ssh: fieldsOf(host.kind === 'ssh' ? host.profile : undefined),
    sshBase: host.kind === 'ssh' ? host.profile : undefined,
    variables: Object.entries(environment.variables).map(([name, value]) => ({ name, value })),
    secretNames: environment.secretNames.join(', '),
  };
}

/** The input to send, or the first problem a person can fix in the form. */
export function inputOf(draft: EnvironmentDraft): { input: EnvironmentInput } | { problem: string } {
  let controlHost: EnvironmentInput['controlHost'];
  if (draft.hostKind === 'ssh') {
    const profile = profileOf(draft.ssh, draft.sshBase);
    if (profile === undefined) return { problem: 'Control host: type an ssh_config alias or user@host:port' };
    controlHost = { kind: 'ssh', profile };
  } else {
    const shell = draft.shell.trim();
    controlHost = shell === '' ? { kind: 'local' } : { kind: 'local', shell };
    if (draft.sandbox) controlHost = { ...controlHost, sandbox: true };
  }
  const variables: Record<string, string> = {};
  for (const { name, value } of draft.variables) {
    const trimmed = name.trim();
    if (trimmed === '') continue;
    if (Object.hasOwn(variables, trimmed)) return { problem: `Variable ${trimmed} is listed twice` };
    variables[trimmed] = value;
  }
  const secretNames = draft.secretNames
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return {
    input: {
      name: draft.name,
      kind: draft.kind,
      colour: draft.colour,
      description: draft.description,
      controlHost,
      variables,
      secretNames,
    },
  };
}
