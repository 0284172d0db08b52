import { readFileSync } from 'node:fs';
import { expect, test, type HandrailServer } from './fixtures';
import { RunScreenPage } from './pages/run-screen-page';
import { RunsListPage } from './pages/runs-list-page';
import { StartRunPage } from './pages/start-run-page';

/**
 * Approval before change (docs/approval.md), in the browser: a production run waits for a second
 * person; an approval signed on another Handrail (its own data folder) from the exported request
 * unlocks it; an emergency start is marked in the header, the runs list and the report.
 */
const title = 'Restart the API in production';
const runbook = `---
title: "${title}"
---

# ${title}

## Restart {window=inside}

### Restart the API {#restart-api kind=command estimate=1m}

\`\`\`bash run expect-exit=0
echo restarted-$((40+2))
\`\`\`
`;

async function arrange(handrail: HandrailServer, name: string) {
  const created = await handrail.rpc.call('runbooks.create', { title, source: runbook });
  const environment = await handrail.rpc.call('environments.create', {
    environment: { name, kind: 'production', colour: '#b00020', controlHost: { kind: 'local' } },
  });
  return { created, environment };
}

test('a production run waits for approval; one signed in a second data folder from the exported request unlocks it', async ({
  app,
  handrail,
  secondHandrail,
  browser,
}) => {
  test.setTimeout(120_000);
  await arrange(handrail, 'prod-api');
  const wizard = new StartRunPage(app);
  await wizard.open();
  await wizard.choose({ runbook: title, environment: 'prod-api', operator: 'Ada Operator' });
  await expect(wizard.region.getByTestId('approval-notice')).toContainText(
    "production runs need a second person's approval",
  );
  await wizard.start();
  const screen = new RunScreenPage(app);
  const panel = app.getByTestId('approval-panel');
  await expect(panel).toContainText('Awaiting approval');
  await expect(app.getByRole('banner').getByTestId('approval-state')).toHaveText('awaiting approval');

  // Nothing runs: the host refuses the step and says why.
  await screen.expectSelected('restart-api');
  await screen.press('r');
  await expect(screen.stepError).toContainText('the run awaits approval');
  await screen.expectStatus('restart-api', 'pending');

  // The request goes to the approver as a file.
  const requestDownload = app.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export request' }).click();
  const requestPath = await (await requestDownload).path();
  const request = readFileSync(requestPath, 'utf8');
  expect(JSON.parse(request)).toMatchObject({
    format: 'handrail-approval-request/1',
    plan: { operator: 'Ada Operator' },
  });
  await expect(panel.getByTestId('plan-sha256')).toHaveText(JSON.parse(request).planSha256 as string);

  // The approver's own Handrail, on its own data folder, signs it with that folder's key.
  const approverContext = await browser.newContext({ acceptDownloads: true });
  const approverPage = await approverContext.newPage();
  await approverPage.goto(secondHandrail.url);
  await expect(approverPage.getByTestId('host-status')).toContainText('Connected');
  await new RunsListPage(approverPage).open();
  const approve = approverPage.getByTestId('approve-request');
  await approve.getByText('Approve a request from another Handrail').click();
  await approve.getByLabel('Approval request').setInputFiles(requestPath);
  await approve.getByLabel('Approver name').fill('Grace Approver');
  await approve.getByLabel('Approver key path').fill('');
  const approvalDownload = approverPage.waitForEvent('download');
  await approve.getByRole('button', { name: 'Sign approval' }).click();
  const approvalFile = await approvalDownload;
  // Read now: a download goes with its browser context.
  const approval = readFileSync(await approvalFile.path(), 'utf8');
  await expect(approve.getByTestId('approval-signed')).toContainText(
    JSON.parse(request).planSha256 as string,
  );
  await approverContext.close();

  // The operator imports it and the run unlocks.
  await panel.getByLabel('Import approval').setInputFiles({
    name: approvalFile.suggestedFilename(),
    mimeType: 'application/json',
    buffer: Buffer.from(approval),
  });
  await expect(app.getByRole('banner').getByTestId('approval-state')).toHaveText('approved');
  await expect(app.getByTestId('approval-panel')).toHaveCount(0);
  await expect(app.getByTestId('approval-summary')).toContainText(
    'Approved by Grace Approver (Change approver)',
  );
  await expect(app.getByTestId('approval-summary')).toContainText("approver's key not judged");
  await screen.waitForTerminal();
  await screen.press('r');
  await screen.expectStatus('restart-api', 'succeeded', 30_000);
});

test('an emergency start shows in the run header, the runs list and the report', async ({
  app,
  handrail,
}) => {
  test.setTimeout(120_000);
  const { created, environment } = await arrange(handrail, 'prod-api-2');
  const { run } = await handrail.rpc.call('runs.start', {
    runbookId: created.id,
    revision: created.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada Operator',
  });
  await app.goto(`${handrail.url}#/runs/${run.id}`);
  const screen = new RunScreenPage(app);
  const panel = app.getByTestId('approval-panel');
  await panel.getByRole('button', { name: 'Emergency start' }).click();
  // The confirmation needs the environment's name; a wrong one is refused.
  await screen.submitDialog(
    { Reason: 'the API is down for every customer', 'Environment name': 'prod' },
    'Start as emergency',
  );
  await expect(screen.dialog.getByRole('alert')).toContainText("type the environment's name (prod-api-2)");
  await screen.submitDialog({ 'Environment name': 'prod-api-2' }, 'Start as emergency');
  await expect(screen.dialog).toBeHidden();
  const badge = app.getByRole('banner').getByTestId('approval-state');
  await expect(badge).toHaveText('EMERGENCY START · review pending');
  await expect(panel).toContainText('Emergency start: review pending');
  await expect(panel).toContainText('the API is down for every customer');
  await expect(app.getByRole('region', { name: 'Timeline' })).toContainText(
    'EMERGENCY START by Ada Operator',
  );

  await screen.waitForTerminal();
  await screen.press('r');
  await screen.expectStatus('restart-api', 'succeeded', 30_000);

  const list = new RunsListPage(app);
  await list.open();
  await expect(list.row(title).getByTestId('approval-state')).toHaveText('EMERGENCY START · review pending');

  const report = await handrail.rpc.call('reports.export', { runId: run.id, format: 'html' });
  expect(report.content).toContain('EMERGENCY START');
  expect(report.content).toContain('Emergency start: review pending');
  expect(report.content).toContain('the API is down for every customer');
});

test('the workspace chooses which environment kinds need approval', async ({ app, handrail }) => {
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Environments' }).click();
  const policy = app.getByTestId('approval-policy');
  await expect(policy.getByLabel('production')).toBeChecked();
  await expect(policy.getByLabel('staging')).not.toBeChecked();
  await policy.getByLabel('staging').check();
  await expect
    .poll(async () => (await handrail.rpc.call('approvals.policy', {})).requiredFor)
    .toEqual(['production', 'staging']);
  await expect(policy.getByLabel('staging')).toBeChecked();
});
