import { expect, test } from './fixtures';
import { startLocalRun } from './local-run';
import { RunScreenPage } from './pages/run-screen-page';

const title = 'Safe keys';
const runbook = `---
title: "${title}"
---

# ${title}

## Steps {window=inside}

### Read the change ticket {#ticket kind=instruction}

Read it.

### Tell the team {#tell kind=instruction}

In the channel.

### Close the ticket {#close kind=instruction}

When all is done.
`;

/**
 * Issue 21 item 1: an action that changes a recorded decision asks first, in a dialog that says
 * what it changes, and records why; a single key never does it alone. Before, `r` on a skipped
 * step turned the skip back to pending without a word, and Finish and Abort sat side by side.
 */
test('r on a skipped step asks first and records why; Finish and Abort say what is left', async ({
  app,
  handrail,
}) => {
  test.setTimeout(90_000);
  const { rpc } = handrail;
  const { runId } = await startLocalRun(rpc, { title: title, source: runbook, environmentName: 'lab-keys' });
  const run = { id: runId };
  await rpc.call('runs.skip', { id: run.id, stepKey: 'ticket', reason: 'no ticket for a lab' });
  const retries = async () =>
    (await rpc.call('runs.events', { id: run.id })).filter((event) => event.type === 'step.retried');

  await app.goto(`${handrail.url.split('#')[0]}#/runs/${run.id}`);
  const screen = new RunScreenPage(app);
  await screen.select('ticket');
  await screen.expectStatus('ticket', 'skipped');
  await screen.press('r');
  await expect(screen.dialog).toBeVisible();
  await expect(screen.dialog.getByTestId('retry-intro')).toContainText('was skipped (no ticket for a lab)');
  // Asked, nothing changed yet; closing the dialog changes nothing either.
  expect(await retries()).toEqual([]);
  await app.keyboard.press('Escape');
  await expect(screen.dialog).toBeHidden();
  await screen.expectStatus('ticket', 'skipped');
  // The reason is required to take a skip back.
  await screen.press('r');
  await expect(
    screen.dialog.getByRole('button', { name: 'Take the skip back and run', exact: true }),
  ).toBeDisabled();
  await screen.submitDialog(
    { 'Why run it after all (recorded)': 'the ticket exists after all' },
    'Take the skip back and run',
  );
  await screen.expectStatus('ticket', 'pending');
  expect((await retries()).map((event) => event.payload)).toEqual([
    expect.objectContaining({ from: 'skipped', reason: 'the ticket exists after all' }),
  ]);

  // Finish and Abort: apart, and each says what ending now leaves.
  const toolbar = app.getByRole('toolbar', { name: 'Run actions' });
  const finish = toolbar.getByRole('button', { name: 'Finish run…' });
  const abort = toolbar.getByRole('button', { name: 'Abort…' });
  const [finishBox, abortBox] = [await finish.boundingBox(), await abort.boundingBox()];
  expect(abortBox!.x - (finishBox!.x + finishBox!.width)).toBeGreaterThanOrEqual(40);
  await finish.click();
  await expect(screen.dialog.getByTestId('leftovers')).toContainText('3 steps not done');
  await screen.dialog.getByRole('button', { name: 'Finish run', exact: true }).click();
  // The host refuses to finish with steps open, and says which.
  await expect(screen.dialog.getByRole('alert')).toContainText(/can.t finish yet/);
  await screen.dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await abort.click();
  await expect(screen.dialog.getByTestId('leftovers')).toContainText(
    'Read the change ticket, Tell the team, Close the ticket',
  );
  await screen.submitDialog({ Reason: 'lab torn down' }, 'Abort the run');
  await expect(app.getByTestId('run-status')).toHaveText('aborted');
  const aborted = (await rpc.call('runs.events', { id: run.id })).find(
    (event) => event.type === 'run.aborted',
  );
  expect(aborted?.payload).toEqual({ reason: 'lab torn down' });
});
