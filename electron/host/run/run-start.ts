import { RpcError, type Environment, type Params } from '../../../shared/contract/index';
import type { Runbook } from '../../../shared/runbook/index';
import { minSecretBytes } from '../terminal/transcript/secret-masker';
import type { EventPayloads } from './run-event-types';
import { isSecret, startProblems } from './run-plan';
import { secretMask } from './variables';

export interface ResolvedStart {
  payload: EventPayloads['run.created'];
  /** Secret values, for host memory only. */
  secrets: Map<string, string>;
}

/**
 * Checks a start and resolves every variable: a plain one from the request, else the
 * environment, else the runbook's default; a secret one from the request's `secrets`, else the
 * runbook's default. A variable left without a value refuses the start, naming it.
 */
export function resolveStart(
  params: Params<'runs.start'>,
  runbook: Runbook,
  environment: Environment,
): ResolvedStart {
  const [problem] = startProblems(params.mode, environment);
  if (problem !== undefined) throw new RpcError('conflict', problem, 'params.mode');
  refuseUndeclared(runbook, params.variables, 'params.variables');
  refuseUndeclared(runbook, params.secrets, 'params.secrets');
  const shown: Record<string, string> = {};
  const secrets = new Map<string, string>();
  const secretNames: string[] = [];
  for (const variable of runbook.variables) {
    const { name } = variable;
    if (isSecret(variable, environment)) {
      if (Object.hasOwn(params.variables, name))
        throw new RpcError(
          'invalid_params',
          `params.variables.${name}: ${name} is secret: pass it in secrets`,
          `params.variables.${name}`,
        );
      secrets.set(name, secretValue(name, params.secrets[name] ?? variable.default));
      secretNames.push(name);
      shown[name] = secretMask;
    } else {
      const value = params.variables[name] ?? environment.variables[name] ?? variable.default;
      if (value === undefined)
        throw new RpcError(
          'invalid_params',
          `params.variables.${name}: the variable ${name} has no value`,
          `params.variables.${name}`,
        );
      shown[name] = value;
    }
  }
  return {
    payload: {
      runbookId: params.runbookId,
      revision: params.revision,
      runbookTitle: runbook.title,
      environment: {
        id: environment.id,
        name: environment.name,
        kind: environment.kind,
        colour: environment.colour,
        controlHost: environment.controlHost,
      },
      mode: params.mode,
      operator: params.operator,
      variables: shown,
      secretNames,
    },
    secrets,
  };
}

/** A secret must be long enough for the transcript masker to recognise it (SecretMasker). */
export function secretValue(
  name: string,
  value: string | undefined,
  field = `params.secrets.${name}`,
): string {
  if (value === undefined)
    throw new RpcError('invalid_params', `${field}: the secret ${name} has no value`, field);
  if (Buffer.byteLength(value, 'utf8') < minSecretBytes)
    throw new RpcError(
      'invalid_params',
      `${field}: a secret needs at least ${minSecretBytes} bytes, so that it can be masked in transcripts`,
      field,
    );
  return value;
}

function refuseUndeclared(runbook: Runbook, values: Record<string, string>, root: string): void {
  for (const name of Object.keys(values)) {
    if (!runbook.variables.some((variable) => variable.name === name))
      throw new RpcError(
        'invalid_params',
        `${root}.${name}: the runbook declares no variable ${name}`,
        `${root}.${name}`,
      );
  }
}
