import type { RpcClient } from '../../shared/rpc/client';
import { expect, test } from './fixtures';
import { RunScreenPage } from './pages/run-screen-page';

const title = 'Step detail on demand';
const runbook = `---
title: "${title}"
---

# ${title}

## Steps {window=inside}

### Print the first marker {#first kind=command}

\`\`\`bash run
printf 'first-%s\\n' a41c
\`\`\`

### Print the second marker {#second kind=command}

\`\`\`bash run
printf 'second-%s\\n' 7be2
\`\`\`

### Look at both {#look kind=instruction}

Both markers are above.
`;

/** Runs a command step through the contract, to its recorded outcome. */
async function runToEnd(rpc: RpcClient, id: string, stepKey: string): Promise<void> {
  await rpc.call('runs.runStep', { id, stepKey });
  await expect
    .poll(
      async () => (await rpc.call('runs.get', { id })).steps.find((step) => step.key === stepKey)?.status,
      {
        timeout: 30_000,
      },
    )
    .toBe('succeeded');
}

/**
 * Issue 16, "the screen gets what it shows": the run screen opens on the current step with the
 * rows of the others; selecting a step fetches it in full (its output), and a change made by
 * another client (runs.changed) shows on the open screen.
 */
test('selecting a step shows its output; a change from another client shows on the open screen', async ({
  app,
  handrail,
}) => {
  test.setTimeout(90_000);
  const { rpc } = handrail;
  const created = await rpc.call('runbooks.create', { title, source: runbook });
  const environment = await rpc.call('environments.create', {
    environment: { name: 'lab-detail', kind: 'test', colour: '#2f855a', controlHost: { kind: 'local' } },
  });
  const { run } = await rpc.call('runs.start', {
    runbookId: created.id,
    revision: created.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada Operator',
  });
  const { terminalId } = await rpc.call('runs.openTerminal', { id: run.id });
  await expect
    .poll(
      async () => (await rpc.call('terminals.list', {})).find((item) => item.id === terminalId)?.integration,
      {
        timeout: 30_000,
      },
    )
    .toBe('active');
  await runToEnd(rpc, run.id, 'first');
  await runToEnd(rpc, run.id, 'second');

  await app.goto(`${handrail.url.split('#')[0]}#/runs/${run.id}`);
  const screen = new RunScreenPage(app);
  await screen.expectSelected('look');
  await expect(screen.panel).toContainText('Both markers are above.');
  await expect(screen.panel).not.toContainText('first-a41c');

  await screen.select('first');
  await expect(screen.panel).toContainText('first-a41c');
  await expect(screen.panel).not.toContainText('second-7be2');
  await screen.press('j');
  await screen.expectSelected('second');
  await expect(screen.panel).toContainText('second-7be2');

  // Another window adds a note on the selected step and marks the last one done.
  await rpc.call('runs.addNote', { id: run.id, stepKey: 'second', text: 'seen from the other window' });
  await expect(screen.panel.getByLabel('Step notes')).toContainText('seen from the other window');
  await rpc.call('runs.markDone', { id: run.id, stepKey: 'look' });
  await screen.expectStatus('look', 'succeeded');
  await expect(screen.panel).toContainText('second-7be2');
});
