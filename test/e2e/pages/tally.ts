import type { Locator } from '@playwright/test';

/**
 * The run's count as a screen shows it (renderer/src/runs/TallyLines.tsx): the runbook steps'
 * line, then the host steps' line when the run has host steps.
 */
export async function tallyLines(container: Locator): Promise<string[]> {
  const lines: string[] = [(await container.getByTestId('tally-steps').textContent()) ?? ''];
  const hostSteps = container.getByTestId('tally-host-steps');
  if ((await hostSteps.count()) > 0) lines.push((await hostSteps.textContent()) ?? '');
  return lines;
}
