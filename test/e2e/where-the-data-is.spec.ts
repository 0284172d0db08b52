import { expect, test } from './fixtures';
import { startLocalRun } from './local-run';

const runbook = `---
title: "Terminal owner"
---

# Terminal owner

## Steps {window=inside}

### Look {#look kind=instruction}

Look.
`;

/**
 * Issue 21 item 4: the status bar says which data folder is open and what it holds; a run's
 * terminal shown in the Library's terminal pane says whose it is, and closing it there asks.
 */
test('the status bar names the data folder; a run’s terminal in the dock is labelled and asks before closing', async ({
  app,
  handrail,
}) => {
  test.setTimeout(60_000);
  const { rpc } = handrail;
  const { runId } = await startLocalRun(rpc, {
    title: 'Terminal owner',
    source: runbook,
    environmentName: 'lab-owner',
  });
  const run = { id: runId };
  const { terminalId } = await rpc.call('runs.openTerminal', { id: run.id });

  await app.goto(handrail.url);
  const folder = app.getByTestId('data-folder');
  await expect(folder).toContainText(handrail.dataDir);
  const runbooks = (await rpc.call('runbooks.list', {})).length;
  await expect(folder).toContainText(`${runbooks} runbook${runbooks === 1 ? '' : 's'}, 1 run`);

  const dock = app.getByRole('complementary', { name: 'Terminals' });
  await expect(dock.getByRole('tab').filter({ hasText: 'run' })).toHaveCount(1);
  await expect(dock.getByTestId('run-terminal-label')).toContainText('This is the terminal of a run');
  await expect(dock.getByRole('link', { name: 'Open the run' })).toHaveAttribute('href', `#/runs/${run.id}`);
  // Dismissed, nothing is closed; the host still has the session.
  const asked: string[] = [];
  app.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await dock.getByRole('button', { name: 'Close', exact: true }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain('belongs to a run');
  expect((await rpc.call('terminals.list', {})).map((terminal) => terminal.id)).toContain(terminalId);
});
