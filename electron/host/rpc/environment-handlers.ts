import { RpcError } from '../../../shared/contract/index';
import type { Handlers, RpcServer } from '../../../shared/rpc/server';
import type { EnvironmentRepository } from '../environments/environment-repository';

/**
 * Environment requests. Every change is committed before the answer and before other clients hear
 * of it through `environments.changed`. `inUse` says whether a run in the environment is active or
 * paused: such an environment cannot be deleted (past runs keep their own snapshot of it).
 */
export function environmentHandlers(
  environments: EnvironmentRepository,
  server: () => RpcServer,
  inUse: (environmentId: string) => string | undefined,
): Handlers {
  const changed = (id: string): void => server().broadcast('environments.changed', { id });
  return {
    'environments.list': () => environments.list(),
    'environments.get': ({ id }) => environments.get(id),
    'environments.create': ({ environment }) => {
      const created = environments.create(environment);
      changed(created.id);
      return created;
    },
    'environments.update': ({ id, environment }) => {
      const updated = environments.update(id, environment);
      changed(id);
      return updated;
    },
    'environments.delete': ({ id }) => {
      const environment = environments.get(id);
      const run = inUse(id);
      if (run !== undefined) {
        throw new RpcError(
          'conflict',
          `${environment.name} has a run in progress (${run}); finish or abort it first`,
          'params.id',
        );
      }
      environments.delete(id);
      changed(id);
      return { id };
    },
    'environments.rememberSecret': ({ id, name, sealed }) => {
      environments.rememberSecret(id, name, sealed);
      changed(id);
      return {};
    },
    'environments.forgetSecret': ({ id, name }) => {
      environments.forgetSecret(id, name);
      changed(id);
      return {};
    },
    'environments.sealedSecrets': ({ id }) => environments.sealedSecrets(id),
  };
}
