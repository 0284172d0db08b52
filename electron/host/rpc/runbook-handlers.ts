import { RpcError } from '../../../shared/contract/index';
import type { Handlers, RpcServer } from '../../../shared/rpc/server';
import type { RunbookRepository } from '../store/runbook-repository';

export function runbookHandlers(runbooks: RunbookRepository, server: () => RpcServer): Handlers {
  return {
    'runbooks.list': ({ query }) => runbooks.list(query),
    'runbooks.count': () => ({ count: runbooks.count() }),
    'runbooks.get': ({ id }) => {
      const runbook = runbooks.get(id);
      if (runbook === undefined) throw new RpcError('not_found', `no runbook with id ${id}`, 'params.id');
      return runbook;
    },
    'runbooks.create': (params) => {
      // Committed (synchronous=FULL) before the answer goes out or anyone is told.
      const created = runbooks.create(params);
      server().broadcast('runbooks.changed', { id: created.id });
      return created;
    },
  };
}
