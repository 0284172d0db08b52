import type { RpcClient } from '../../shared/rpc/client';
import { expect, test } from './fixtures';

const fence = '```';
const source = `---
title: "Replay drill"
---

# Replay drill

## Work {window=inside}

### Print the marker {#print-marker kind=command}

${fence}bash
echo "found quokka-5521 here"
${fence}

### Print something else {#print-else kind=command}

${fence}bash
echo "second step output"
${fence}
`;

/** A run with two steps done in a real local shell, and a hostile note; arranged through the contract. */
async function arrangeRun(rpc: RpcClient): Promise<string> {
  const runbook = await rpc.call('runbooks.create', { title: 'Replay drill', source });
  // sh, not bash: it reads no user rc file, so the shell is ready at once on any machine.
  const environment = await rpc.call('environments.create', {
    environment: {
      name: 'drill-lab',
      kind: 'test',
      colour: '#2a7ae2',
      controlHost: { kind: 'local', shell: '/bin/sh' },
    },
  });
  const { run } = await rpc.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada',
  });
  const { terminalId } = await rpc.call('runs.openTerminal', { id: run.id });
  await expect
    .poll(async () => (await rpc.call('terminals.list', {})).find((t) => t.id === terminalId)?.integration)
    .toBe('active');
  for (const stepKey of ['print-marker', 'print-else']) {
    await rpc.call('runs.runStep', { id: run.id, stepKey });
    await expect
      .poll(
        async () => (await rpc.call('runs.get', { id: run.id })).steps.find((s) => s.key === stepKey)?.status,
      )
      .toBe('succeeded');
  }
  await rpc.call('runs.addNote', {
    id: run.id,
    stepKey: 'print-else',
    text: '<img src=x onerror="window.__pwned=1"> wombat <b>bold</b>',
  });
  return run.id;
}

test('search for a word a command printed and jump to that moment in the replay', async ({
  app,
  handrail,
}) => {
  const runId = await arrangeRun(handrail.rpc);

  await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Search' }).click();
  const search = app.getByRole('search');
  await search.getByRole('searchbox').fill('quokka-5521');
  await search.getByRole('button', { name: 'Search' }).click();
  // The run (its transcript) and the runbook (its text): two groups.
  await expect(app.getByTestId('search-group')).toHaveCount(2);
  const group = app.getByTestId('search-group').filter({ hasText: 'drill-lab' });
  await expect(group).toContainText('Replay drill');
  await expect(group.getByRole('heading', { name: 'Print the marker' })).toBeVisible();
  const hit = group.getByTestId('search-hit').filter({ hasText: 'terminal' }).first();
  await expect(hit.locator('mark').first()).toHaveText('quokka-5521');

  await hit.getByRole('button', { name: 'Replay here' }).click();
  await expect(app).toHaveURL(new RegExp(`#/runs/${runId}/replay\\?session=[0-9a-f-]+&at=\\d+`));
  const screen = app.getByTestId('replay-screen');
  await expect(screen.locator('.xterm-rows')).toContainText('found quokka-5521 here');
  // The jump stops at that moment: the next step's output is not on the screen yet.
  await expect(screen.locator('.xterm-rows')).not.toContainText('second step output');
  const at = Number(new URL(app.url()).hash.match(/at=(\d+)/)?.[1]);
  await expect(app.getByTestId('replay-position')).toHaveAttribute('data-ms', String(Math.round(at)));

  // Clicking the other step on the time line jumps to it; playing at 16× reaches the end.
  await app.getByRole('button', { name: 'Jump to Print something else, attempt 1' }).click();
  await app.getByRole('button', { name: '16×' }).click();
  await app.getByRole('button', { name: 'Play' }).click();
  await expect(screen.locator('.xterm-rows')).toContainText('second step output');

  // A note's snippet is text: the markup in it is shown, never made into elements.
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Search' }).click();
  await app.getByRole('search').getByRole('searchbox').fill('wombat');
  await app.getByRole('search').getByRole('button', { name: 'Search' }).click();
  const note = app.getByTestId('search-hit').filter({ hasText: 'note' });
  await expect(note).toContainText('<img src=x onerror="window.__pwned=1"> wombat <b>bold</b>');
  await expect(note.locator('mark')).toHaveText('wombat');
  await expect(app.locator('.search-results img, .search-results b')).toHaveCount(0);
  expect(await app.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  // Opening the note goes to its step in the run.
  await note.getByRole('button', { name: 'Open step' }).click();
  await expect(app).toHaveURL(new RegExp(`#/runs/${runId}\\?step=print-else`));
  await expect(app.getByRole('heading', { name: 'Print something else' }).first()).toBeVisible();
});
