import { useEffect, useState } from 'react';
import type { Step } from '../../../shared/runbook/index';
import { useHost } from '../host-client/HostProvider';

/**
 * The pinned revision's steps by id, for what the run state does not carry: the step's Markdown
 * text, warnings and whether a check asks for evidence. Rolling sub-steps are keyed by their own id.
 */
export function useRunbookSteps(
  runbookId: string | undefined,
  revision: number | undefined,
): Map<string, Step> {
  const { client } = useHost();
  const [steps, setSteps] = useState<Map<string, Step>>(() => new Map());
  useEffect(() => {
    if (client === undefined || runbookId === undefined || revision === undefined) return;
    let live = true;
    const load = async () => {
      const { source } = await client.call('runbooks.revision', { id: runbookId, revision });
      const { runbook } = await client.call('runbooks.parse', { source });
      const byId = new Map<string, Step>();
      for (const phase of runbook?.phases ?? [])
        for (const step of phase.steps) {
          byId.set(step.id, step);
          for (const sub of step.rolling?.steps ?? []) byId.set(sub.id, { ...sub });
        }
      if (live) setSteps(byId);
    };
    // Without the text the screen still works from the run state: title, kind and commands.
    load().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, runbookId, revision]);
  return steps;
}

/** The runbook step behind a run step key (`<step>` or `<step>@<host>/<sub>`). */
export function runbookStepFor(steps: Map<string, Step>, key: string): Step | undefined {
  const sub = /^[^@]+@[^/]+\/(.+)$/.exec(key)?.[1];
  return steps.get(sub ?? key);
}
