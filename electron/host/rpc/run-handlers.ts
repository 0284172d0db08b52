import type { Handlers } from '../../../shared/rpc/server';
import type { RunEngine } from '../run/run-engine';
import { briefEvent } from '../run/brief-events';
import * as rolling from '../run/rolling-runner';
import * as steps from '../run/step-actions';

/**
 * Run requests. Each action's events are durable before its answer is sent; the same update goes
 * to every connection as `runs.changed` (the engine broadcasts it). Notes are allowed on a paused
 * run; step actions are not.
 */
export function runHandlers(engine: RunEngine): Handlers {
  return {
    'runs.plan': (params) => engine.plan(params),
    'runs.start': (params) => engine.start(params),
    'runs.list': () => engine.list(),
    'runs.get': ({ id }) => engine.rows(id),
    'runs.open': ({ id, around }) => engine.open(id, around),
    'runs.steps': ({ id, ...page }) => engine.steps(id, page),
    'runs.step': ({ id, stepKey }) => engine.step(id, stepKey),
    'runs.events': ({ id, afterSeq, limit, brief }) => {
      const events = engine.events(id, afterSeq, limit);
      return brief ? events.map(briefEvent) : events;
    },
    'runs.verify': ({ id }) => engine.verify(id),
    'runs.supplySecrets': (params) => engine.supplySecrets(params),
    'runs.openTerminal': ({ id }, { connection }) => engine.openTerminal(id, connection),
    'runs.runStep': (params, { signal }) =>
      engine.act(params.id, (ctx, live) =>
        live.steps.get(params.stepKey)?.kind === 'rolling'
          ? rolling.continueRolling(ctx, live, params)
          : steps.runStep(ctx, live, params, undefined, undefined, 'operator', signal),
      ),
    'runs.cancelCommand': (params) =>
      engine.act(params.id, (ctx, live) => steps.cancelCommand(ctx, live, params)),
    'runs.markDone': (params) => engine.act(params.id, (ctx, live) => steps.markDone(ctx, live, params)),
    'runs.fail': (params) => engine.act(params.id, (ctx, live) => steps.fail(ctx, live, params)),
    'runs.skip': (params) => engine.act(params.id, (ctx, live) => steps.skip(ctx, live, params)),
    'runs.retry': (params, { signal }) =>
      engine.act(params.id, (ctx, live) => steps.retry(ctx, live, params, signal)),
    'runs.editCommand': (params) =>
      engine.act(params.id, (ctx, live) => steps.editCommand(ctx, live, params)),
    'runs.addNote': (params) => engine.addNote(params),
    'runs.addEvidence': (params) =>
      engine.act(params.id, (ctx, live) => steps.addEvidence(ctx, live, params)),
    'runs.recordBackup': (params) =>
      engine.act(params.id, (ctx, live) => steps.recordBackup(ctx, live, params)),
    'runs.startWait': (params) => engine.act(params.id, (ctx, live) => steps.beginWait(ctx, live, params)),
    'runs.cutWait': (params) => engine.act(params.id, (ctx, live) => steps.endWait(ctx, live, params)),
    'runs.setVariable': (params) => engine.setVariable(params),
    'runs.pause': (params) => engine.pause(params),
    'runs.resume': ({ id }) => engine.resume(id),
    'runs.handover': (params) => engine.handover(params),
    'runs.finish': ({ id }) => engine.finish(id),
    'runs.abort': (params) => engine.abort(params),
    'runs.skipHost': (params) => engine.act(params.id, (ctx, live) => rolling.skipHost(ctx, live, params)),
    'runs.abortRolling': (params) =>
      engine.act(params.id, (ctx, live) => rolling.abortRolling(ctx, live, params)),
  };
}
