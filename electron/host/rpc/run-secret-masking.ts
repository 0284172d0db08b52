import { RpcError, type MethodName } from '../../../shared/contract/index';
import type { Handler, Handlers } from '../../../shared/rpc/server';
import { maskSecrets } from '../run/variables';

/**
 * Every free-text field of a request about a run is masked with the run's secrets before any
 * handler sees it: a secret typed into a pause or abort reason, a variable change's reason, a
 * sign-off name or a review comment is stored, indexed and reported as the mask, like notes and
 * evidence always were. One place, for every request, so a field added later is masked too
 * (test/integration/run/secret-walk.test.ts walks every text parameter of the contract).
 *
 * A request is about a run when it names one: `runId`, or `id` in a `runs.*` request; `runs.start`
 * brings its secrets with it. The fields left as typed are those that carry a secret on purpose
 * or turn it into a reference themselves:
 */
const keptAsTyped: Partial<Record<MethodName, readonly string[]>> = {
  // the secret values themselves: held in memory, never stored
  'runs.start': ['secrets'],
  'runs.supplySecrets': ['secrets'],
  // a secret variable's new value (stored as the mask by the engine); a plain one may not hold a secret
  'runs.setVariable': ['value'],
  // an edited command: a secret typed in it becomes {{name}}, so the command still sends the value
  'runs.editCommand': ['text'],
};

export type RunSecrets = (runId: string) => ReadonlyMap<string, string>;

export function maskingRunSecrets(handlers: Handlers, secretsOf: RunSecrets): Handlers {
  const masked: Handlers = {};
  for (const [name, handler] of Object.entries(handlers) as Array<[MethodName, Handler<MethodName>]>) {
    (masked as Record<string, Handler<MethodName>>)[name] = (params, context) =>
      handler(maskParams(name, params as Record<string, unknown>, secretsOf) as never, context);
  }
  return masked;
}

function maskParams(method: MethodName, params: Record<string, unknown>, secretsOf: RunSecrets): unknown {
  const secrets = secretsFor(method, params, secretsOf);
  if (secrets.size === 0) return params;
  const values = [...secrets.values()];
  for (const [field, value] of plainVariableValues(method, params, secrets))
    refuseSecretIn(field, value, secrets);
  const kept = new Set(keptAsTyped[method] ?? []);
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, kept.has(key) ? value : maskDeep(value, values)]),
  );
}

function secretsFor(
  method: MethodName,
  params: Record<string, unknown>,
  secretsOf: RunSecrets,
): ReadonlyMap<string, string> {
  if (method === 'runs.start')
    return new Map(Object.entries((params.secrets ?? {}) as Record<string, string>));
  const runId =
    typeof params.runId === 'string' ? params.runId : method.startsWith('runs.') ? params.id : undefined;
  return typeof runId === 'string' ? secretsOf(runId) : new Map();
}

function maskDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return maskSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, secrets));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDeep(item, secrets)]));
  return value;
}

/**
 * A secret's value typed as the value of a plain variable would be stored, shown and reported as
 * it is; masking it would change what the commands send. It is refused instead, at the start of
 * a run and when a variable changes (a secret variable's new value is the engine's to mask).
 */
function plainVariableValues(
  method: MethodName,
  params: Record<string, unknown>,
  secrets: ReadonlyMap<string, string>,
): Array<[field: string, value: string]> {
  if (method === 'runs.start')
    return Object.entries((params.variables ?? {}) as Record<string, string>).map(([name, value]) => [
      `params.variables.${name}`,
      value,
    ]);
  const { name, value } = params as { name?: string; value?: string };
  if (method !== 'runs.setVariable' || name === undefined || value === undefined || secrets.has(name))
    return [];
  return [['params.value', value]];
}

function refuseSecretIn(field: string, value: string, secrets: ReadonlyMap<string, string>): void {
  const holds = [...secrets].find(([, secret]) => secret !== '' && value.includes(secret));
  if (holds !== undefined)
    throw new RpcError(
      'invalid_params',
      `${field}: holds the value of the secret ${holds[0]}; a secret goes only into a secret variable`,
      field,
    );
}
