import { useEffect, useState } from 'react';
import type { RunFault } from '../../../shared/contract/index';
import { useHost } from '../host-client/HostProvider';

/**
 * What the host could not record for this run (issue 18: faults are said). Each fault shows
 * from its `failing` report until its `recovered` one; a fault that ended with output lost
 * stays as a note until the operator dismisses it, since the report lists it as a gap.
 */
export function RecordingFaults({ runId }: { runId: string }) {
  const faults = useRunFaults(runId);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const shown = [...faults.entries()].filter(([key]) => !dismissed.has(key));
  if (shown.length === 0) return null;
  return (
    <div className="recording-faults" role="alert" data-testid="recording-faults">
      {shown.map(([key, fault]) => (
        <p key={key} className={`recording-fault fault-${fault.state}`} data-state={fault.state}>
          <strong>{fault.state === 'failing' ? 'Not recorded:' : 'Recording:'}</strong> {fault.message}
          {fault.state !== 'failing' && (
            <button type="button" onClick={() => setDismissed((current) => new Set([...current, key]))}>
              Dismiss
            </button>
          )}
        </p>
      ))}
    </div>
  );
}

/** The latest fault report of each kind and step, from `runs.fault`; a recovery with nothing lost clears it. */
function useRunFaults(runId: string): ReadonlyMap<string, RunFault> {
  const { client } = useHost();
  const [faults, setFaults] = useState<ReadonlyMap<string, RunFault>>(new Map());
  useEffect(() => {
    if (client === undefined) return;
    return client.on('runs.fault', (fault) => {
      if (fault.runId !== runId) return;
      setFaults((current) => {
        const next = new Map(current);
        const key = `${fault.kind}:${fault.stepKey ?? ''}`;
        if (fault.state === 'recovered' && fault.lostBytes === 0) next.delete(key);
        else next.set(key, fault);
        return next;
      });
    });
  }, [client, runId]);
  return faults;
}
