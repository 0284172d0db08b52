import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodName, ParamsIn, Result, RunUpdate } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { mergeDetail, mergePage, mergeUpdate, modelOf, type RunModel } from './run-model';

/** Rows asked for at a time as the list scrolls: aligned pages, so each is asked for once. */
const pageSize = 200;

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
  /**
   * Asks the host for a step in full (`runs.step`: its output, history, notes and runbook text),
   * which opening the run did not send; merged when it comes. Rejects with the host's message.
   */
  loadStep(stepKey: string): Promise<void>;
  /** Asks for the rows at positions from..to that opening the run did not send (`runs.steps`). */
  loadRows(from: number, to: number): void;
}

/**
 * The run, loaded and kept up to date from `runs.changed` (reloaded on every new connection).
 * Opening it (`runs.open`, centred on `around` when given) brings the layout of every step, the
 * rows around the current step and the current and running steps in full; other rows come a
 * page at a time as the list needs them (`loadRows`), any step in full when the screen asks for
 * it (`loadStep`).
 */
export function useRun(id: string, around?: string): RunHandle {
  const { client } = useHost();
  const [model, setModel] = useState<RunModel | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  // Only the first open is centred on the step asked for: a later reconnect reopens as it was.
  const firstAround = useRef(around);
  const pages = useRef(new Set<number>());

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
    pages.current = new Set();
    const centre = firstAround.current;
    client.call('runs.open', centre === undefined ? { id } : { id, around: centre }).then(
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

  const loading = useRef(new Set<string>());
  const loadStep = useCallback(
    async (stepKey: string): Promise<void> => {
      if (client === undefined) throw new Error('not connected to the host');
      if (loading.current.has(stepKey)) return;
      loading.current.add(stepKey);
      try {
        const detail = await client.call('runs.step', { id, stepKey });
        setModel((current) => (current === undefined ? current : mergeDetail(current, detail)));
      } finally {
        loading.current.delete(stepKey);
      }
    },
    [client, id],
  );

  const loadRows = useCallback(
    (from: number, to: number): void => {
      if (client === undefined) return;
      for (let page = Math.floor(from / pageSize); page <= Math.floor(to / pageSize); page += 1) {
        if (pages.current.has(page)) continue;
        const asked = pages.current;
        asked.add(page);
        client.call('runs.steps', { id, from: page * pageSize, count: pageSize }).then(
          (rows) => setModel((current) => (current === undefined ? current : mergePage(current, rows))),
          // Asked again when the rows are next in view.
          () => asked.delete(page),
        );
      }
    },
    [client, id],
  );

  return { model, error, act, loadStep, loadRows };
}
