import type { Step } from '../../../shared/runbook/index';

/**
 * The runbook step behind a run step key (`<step>` or `<step>@<host>/<sub>`), for review mode,
 * which parses a recorded run's runbook itself. The run screen gets each step's with the step
 * (`runs.step`).
 */
export function runbookStepFor(steps: Map<string, Step>, key: string): Step | undefined {
  const sub = /^[^@]+@[^/]+\/(.+)$/.exec(key)?.[1];
  return steps.get(sub ?? key);
}
