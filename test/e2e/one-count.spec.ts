import type { RpcClient } from '../../shared/rpc/client';
import { expect, test } from './fixtures';
import { downloadFrom } from './pages/reports-page';
import { RunScreenPage } from './pages/run-screen-page';
import { RunsListPage } from './pages/runs-list-page';
import { SignoffDialogPage } from './pages/signoff-dialog-page';

const title = 'Counted rollout';
const fence = '```';
/** A check that fails, a command with a typo, an optional step, a failing command, three hosts. */
const source = `---
title: "${title}"
---

# ${title}

## Prepare {window=before}

### Read the plan {#read kind=instruction estimate=1m}

Read it.

### Check the disk {#disk kind=check estimate=1m}

${fence}bash run expect-output="^disk ok$"
echo "disk full"
${fence}

### Print the release {#release kind=command estimate=1m}

${fence}bash run expect-output="^release-1$"
echo relase-1
${fence}

### Tell the users {#notify kind=instruction optional estimate=1m}

Tell them.

### Clean the cache {#clean kind=command estimate=1m}

${fence}bash run
false
${fence}

## Hosts {window=inside}

### Update the web hosts {#roll kind=rolling group=web order=batches batch=3 estimate=5m}

#### Update {#update kind=command}

${fence}bash run
test {{host}} != web-2
${fence}
`;

/**
 * Counted by hand from what happens below. Runbook steps: read, disk (failed, then marked done with
 * evidence), release (edited, then passed) and roll are done; notify skipped; clean failed. Host
 * steps: web-1 and web-3 passed; web-2 failed and was skipped with its host.
 */
const expected = [
  '4 of 6 steps done · 1 failed · 1 skipped · 0 outcome unknown · 0 not finished',
  '2 of 3 host steps done · 0 failed · 1 skipped · 0 outcome unknown · 0 not finished',
];
const expectedCounts = {
  steps: { total: 6, done: 4, failed: 1, skipped: 1, unknown: 0, open: 0 },
  hostSteps: { total: 3, done: 2, failed: 0, skipped: 1, unknown: 0, open: 0 },
};
const editedText = 'command 1 changed from `echo relase-1` to `echo release-1` (a typo in the runbook)';

async function statusOf(rpc: RpcClient, id: string, key: string): Promise<string | undefined> {
  return (await rpc.call('runs.get', { id })).steps.find((step) => step.key === key)?.status;
}

/** The run, arranged through the contract in a real local shell. */
async function arrangeRun(rpc: RpcClient): Promise<string> {
  const runbook = await rpc.call('runbooks.create', { title, source });
  const environment = await rpc.call('environments.create', {
    environment: {
      name: 'count-lab',
      kind: 'test',
      colour: '#2a7ae2',
      controlHost: { kind: 'local', shell: '/bin/sh' },
    },
  });
  await rpc.call('inventories.save', {
    environmentId: environment.id,
    text: '[web]\nweb-1\nweb-2\nweb-3\n',
    fileName: 'hosts.ini',
    source: { kind: 'pasted' },
  });
  const { run } = await rpc.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada Operator',
  });
  const id = run.id;
  const { terminalId } = await rpc.call('runs.openTerminal', { id });
  await expect
    .poll(async () => (await rpc.call('terminals.list', {})).find((t) => t.id === terminalId)?.integration)
    .toBe('active');
  const ends = async (key: string, status: string) =>
    expect.poll(() => statusOf(rpc, id, key), { timeout: 30_000 }).toBe(status);

  await rpc.call('runs.markDone', { id, stepKey: 'read' });
  await rpc.call('runs.runStep', { id, stepKey: 'disk' });
  await ends('disk', 'failed');
  await rpc.call('runs.markDone', { id, stepKey: 'disk', evidence: 'df on the host: 41% used' });
  await rpc.call('runs.editCommand', {
    id,
    stepKey: 'release',
    commandIndex: 0,
    text: 'echo release-1',
    reason: 'a typo in the runbook',
  });
  await rpc.call('runs.runStep', { id, stepKey: 'release' });
  await ends('release', 'succeeded');
  await rpc.call('runs.skip', { id, stepKey: 'notify', reason: 'a quiet hour: nobody to tell' });
  await rpc.call('runs.runStep', { id, stepKey: 'clean' });
  await ends('clean', 'failed');
  await rpc.call('runs.runStep', { id, stepKey: 'roll' });
  await ends('roll@web-2/update', 'failed');
  await rpc.call('runs.skipHost', { id, stepKey: 'roll', host: 'web-2', reason: 'web-2 is being replaced' });
  await ends('roll', 'succeeded');
  await rpc.call('runs.finish', { id });
  return id;
}

test('the header, the runs list, the sign-off dialog and the HTML, Markdown and JSON reports state one count', async ({
  app,
  handrail,
}) => {
  test.setTimeout(180_000);
  const runId = await arrangeRun(handrail.rpc);

  // The run screen: its header, and the rolling step's row saying a host was skipped.
  await app.goto(`${handrail.url.split('#')[0]}#/runs/${runId}`);
  const screen = new RunScreenPage(app);
  await expect(app.getByTestId('run-status')).toHaveText('completed');
  expect(await screen.tally()).toEqual(expected);
  const roll = await screen.row('roll');
  await expect(roll).toHaveAttribute('data-status', 'succeeded');
  await expect(roll.getByTestId('hosts-note')).toHaveText('1 of 3 hosts skipped');

  // The sign-off dialog reads the same count and lists the edit with its real text.
  const report = app.getByRole('region', { name: 'Report' });
  await report.getByRole('button', { name: 'Sign off the run' }).click();
  const signoff = new SignoffDialogPage(app);
  expect(await signoff.tally()).toEqual(expected);
  await expect(signoff.summary.getByRole('list', { name: 'Commands edited' })).toHaveText(
    `Print the release: ${editedText}`,
  );
  await expect(signoff.summary.getByRole('list', { name: 'Hosts skipped' })).toHaveText(
    'Update the web hosts: web-2: host not updated: web-2 is being replaced',
  );
  await expect(signoff.summary.getByRole('list', { name: 'Overrides' })).toContainText(
    'failed (the output does not match /^disk ok$/), then marked done by hand; evidence: df on the host: 41% used',
  );
  await signoff.dialog.getByRole('button', { name: 'Cancel' }).click();

  // The runs list.
  const runs = new RunsListPage(app);
  await runs.open();
  expect(await runs.tally(title)).toEqual(expected);

  // Every report form, downloaded from the runs list.
  const row = runs.row(title);
  await row.getByText('Export', { exact: true }).click();
  const download = async (label: string) =>
    (await downloadFrom(app, row.getByRole('button', { name: label, exact: true }))).bytes.toString('utf8');
  const html = await download('HTML');
  const htmlTally = [...html.matchAll(/<span class="tally">([^<]*)<\/span>/g)].map((match) => match[1]);
  expect(htmlTally).toEqual(expected);
  expect(html).toContain(`<td>${editedText}</td>`);
  const markdown = await download('Markdown');
  const tallyRows = markdown
    .split('\n')
    .filter((line) => line.startsWith('| Steps |') || line.startsWith('| Host steps |'));
  expect(tallyRows).toEqual([`| Steps | ${expected[0]} |`, `| Host steps | ${expected[1]} |`]);
  // Markdown escapes backticks in a cell; read as text, the edit is the same words.
  expect(markdown.replace(/\\(.)/g, '$1')).toContain(editedText);
  expect(markdown).toContain('#### succeeded (1 of 3 hosts skipped): Update the web hosts (rolling)');
  const json = JSON.parse(await download('JSON')) as {
    format: string;
    report: { counts: unknown; deviations: Array<{ kind: string; detail: string }> };
  };
  expect(json.format).toBe('handrail-report/4');
  expect(json.report.counts).toEqual(expectedCounts);
  expect(json.report.deviations.find((deviation) => deviation.kind === 'edited')?.detail).toBe(editedText);
});
