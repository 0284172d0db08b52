import { useCallback, useEffect, useState } from 'react';
import type { MethodName, ParamsIn, Result, RunUpdate } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { mergeUpdate, modelOf, type RunModel } from './run-model';

type RunAction = {
  [M in MethodName]: Result<M> extends RunUpdate ? M : never;
}[MethodName];

export interface RunHandle {
  model: RunModel | undefined;
  error: string | undefined;
  /**
   * Sends an action and merges the host's answer; the screen shows only what the host answered
   * (or broadcast), never a guess. Rejects with the host's message, for the dialog that asked.
   */
  act<M extends RunAction>(method: M, params: ParamsIn<M>): Promise<void>;
}

/** The run, loaded and kept up to date from `runs.changed` (reloaded on every new connection). */
export function useRun(id: string): RunHandle {
  const { client } = useHost();
  const [model, setModel] = useState<RunModel | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (client === undefined) return;
    let live = true;
    const pending: RunUpdate[] = [];
    const stop = client.on('runs.changed', (update) => {
      if (update.run.id !== id) return;
      setModel((current) => {
        if (current !== undefined) return mergeUpdate(current, update);
        pending.push(update);
        return current;
      });
    });
    client.call('runs.get', { id }).then(
      (detail) => {
        if (!live) return;
        // Updates that came while the detail was on its way are merged after it.
        setModel(pending.reduce(mergeUpdate, modelOf(detail)));
        setError(undefined);
      },
      (failure: unknown) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
      stop();
    };
  }, [client, id]);

  const act = useCallback(
    async <M extends RunAction>(method: M, params: ParamsIn<M>): Promise<void> => {
      if (client === undefined) throw new Error('not connected to the host');
      const update = (await client.call(method, params)) as RunUpdate;
      setModel((current) => (current === undefined ? current : mergeUpdate(current, update)));
    },
    [client],
  );

  return { model, error, act };
}
