import { expect, test } from './fixtures';
import { EnvironmentsPage } from './pages/environments-page';
import { RunScreenPage } from './pages/run-screen-page';
import { StartRunPage } from './pages/start-run-page';
import { approveRun } from '../support/approve-run';

const title = 'Prune images in production';
const runbook = `---
title: "${title}"
---

# ${title}

## Cleanup {window=inside}

### Look at the images {#list-images kind=command estimate=1m}

\`\`\`bash run expect-exit=0
echo images-listed
\`\`\`

### Remove old container images {#prune-images kind=command destructive estimate=5m}

\`\`\`bash run expect-exit=0
echo pruned-$((40+2))
\`\`\`
`;

test('production: practice is refused, and a destructive step runs only with the typed name', async ({
  app,
  handrail,
}) => {
  test.setTimeout(120_000);
  const created = await handrail.rpc.call('runbooks.create', { title, source: runbook });
  const environments = new EnvironmentsPage(app);
  await environments.open();
  await environments.create({ name: 'prod-eu-1', kind: 'production' });

  const wizard = new StartRunPage(app);
  await wizard.open();
  await wizard.choose({ runbook: title, environment: 'prod-eu-1', operator: 'Ada Operator' });
  // Practice is offered disabled with the reason, and the host refuses it too.
  await expect(wizard.region.getByLabel('Practice')).toBeDisabled();
  await expect(wizard.region).toContainText('Practice runs are not allowed on a production environment');
  await expect(wizard.plan).toContainText('1 destructive');
  const [environment] = await handrail.rpc.call('environments.list', {});
  await expect(
    handrail.rpc.call('runs.start', {
      runbookId: created.id,
      revision: created.revision,
      environmentId: environment?.id ?? '',
      mode: 'practice',
      operator: 'Ada Operator',
    }),
  ).rejects.toThrow(/practice/i);
  await wizard.start();
  // Approval before change (docs/approval.md; approval.spec.ts) is not this test's subject.
  const [started] = await handrail.rpc.call('runs.list', {});
  await approveRun(handrail.rpc, started?.id ?? '');

  const screen = new RunScreenPage(app);
  await expect(app.getByTestId('production-banner')).toContainText('prod-eu-1 · PRODUCTION — live');
  await expect(app).toHaveTitle(/PRODUCTION prod-eu-1/);
  await screen.waitForTerminal();

  // Pause hides the step actions until resume; a handover records the new operator.
  await app.getByRole('toolbar', { name: 'Run actions' }).getByRole('button', { name: 'Pause' }).click();
  await expect(app.getByTestId('run-status')).toHaveText('paused');
  await expect(screen.panel.getByRole('toolbar', { name: 'Step actions' })).toHaveCount(0);
  await app.getByRole('toolbar', { name: 'Run actions' }).getByRole('button', { name: 'Resume' }).click();
  await expect(app.getByTestId('run-status')).toHaveText('active');
  await app.getByRole('toolbar', { name: 'Run actions' }).getByRole('button', { name: 'Hand over' }).click();
  await screen.submitDialog({ 'New operator': 'Grace Nightshift' }, 'Hand over');
  await expect(app.getByRole('banner').filter({ hasText: 'operator' })).toContainText(
    'operator Grace Nightshift',
  );
  await expect(app.getByRole('region', { name: 'Timeline' })).toContainText(
    'Handed over from Ada Operator to Grace Nightshift',
  );

  // A step that is not destructive runs at once.
  await screen.expectSelected('list-images');
  await screen.press('r');
  await screen.expectStatus('list-images', 'succeeded', 30_000);

  // The destructive one asks for the environment's name; a wrong name is refused by the host.
  await screen.expectSelected('prune-images');
  await screen.press('r');
  const confirm = "Type the environment's name (prod-eu-1) to confirm";
  await screen.submitDialog({ [confirm]: 'prod-eu-2' }, 'Run');
  await expect(screen.dialog.getByRole('alert')).toContainText(/type/i);
  await screen.expectStatus('prune-images', 'pending');
  await screen.submitDialog({ [confirm]: 'prod-eu-1' }, 'Run');
  await expect(screen.dialog).toBeHidden();
  await screen.expectStatus('prune-images', 'succeeded', 30_000);
  await expect(screen.panel.getByTestId('command-record')).toContainText('pruned-42');
});
