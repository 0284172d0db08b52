import type { RunEngine } from '../run/run-engine';
import { gateOpening, passGate, recordSignoff } from '../run/signoff-actions';
import type { RunbookRepository } from '../store/runbook-repository';
import type { RunSource } from './report-service';

/** The report service's view of local runs: the engine's state and log, the pinned revision. */
export function runSourceFor(engine: RunEngine, runbooks: RunbookRepository): RunSource {
  return {
    exists: (runId) => engine.store.exists(runId),
    state: (runId) => engine.get(runId),
    events: (runId) => engine.events(runId, -1, Number.MAX_SAFE_INTEGER),
    canonicalEvents: (runId) => engine.canonicalEvents(runId),
    eventsOfTypes: (runId, types) => engine.eventsOfTypes(runId, types),
    reportState: (runId) => engine.reportState(runId),
    runbookSource: (runbookId, revision) => runbooks.revision(runbookId, revision).source,
    checkGate: (runId, gate) => {
      engine.act(runId, (_ctx, live) => gateOpening(live, gate));
    },
    recordSignoff: (runId, record, storeSignature, gate) => {
      engine.act(runId, (ctx, live) =>
        gate === undefined
          ? recordSignoff(ctx, live, record, storeSignature)
          : passGate(ctx, live, gate, record, storeSignature),
      );
    },
  };
}
