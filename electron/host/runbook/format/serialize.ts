import type { Runbook } from '../../../../shared/runbook/index';

/** Writes a runbook as a file that parseRunbook reads back equal and that reads well on GitHub. */
export function serializeRunbook(runbook: Runbook): string {
  return `---\ntitle: ${JSON.stringify(runbook.title)}\n---\n`;
}
