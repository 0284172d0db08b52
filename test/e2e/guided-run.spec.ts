import { SshServer, sshdAvailable } from '../support/sshd';
import { addStandInHost, writeStandIns } from '../support/stand-in-tools';
import { expect, test } from './fixtures';
import { EnvironmentsPage } from './pages/environments-page';
import { RunScreenPage } from './pages/run-screen-page';
import { RunsListPage } from './pages/runs-list-page';
import { SignoffDialogPage } from './pages/signoff-dialog-page';
import { StartRunPage } from './pages/start-run-page';

const title = 'StackHPC Kayobe OpenStack upgrade';
const secretValue = '/etc/kayobe/vault-pass-Zq81x';

test.describe('a guided run against a control host over SSH', () => {
  test.skip(!sshdAvailable(), 'needs sshd (see the message above)');
  let server: SshServer;
  let controlHost = '';
  test.beforeAll(async () => {
    server = new SshServer();
    await server.start();
    controlHost = addStandInHost(server, writeStandIns(server.dir));
  });
  test.afterAll(() => server?.stop());

  test('run the Kayobe template: fail, edit, retry, note, skip, evidence, wait, gate; reload; finish', async ({
    app,
    handrail,
  }) => {
    test.setTimeout(180_000);
    // A new revision, saved through the contract: the template's 200 s RabbitMQ pause becomes 3 s,
    // and the first RabbitMQ block loses its configuration line, as a hasty edit might leave it.
    const created = await handrail.rpc.call('runbooks.createFromTemplate', {
      templateId: 'kayobe-upgrade.md',
    });
    const { source } = await handrail.rpc.call('runbooks.get', { id: created.id });
    const settle = /(\{#rabbitmq-settle [^}]*wait=)3m20s/;
    expect(source).toMatch(settle);
    const generate =
      'kayobe overcloud service configuration generate --node-config-dir /tmp/ignore -kt none\n';
    expect(source).toContain(generate);
    await handrail.rpc.call('runbooks.saveRevision', {
      id: created.id,
      baseRevision: created.revision,
      message: 'settle for 3 s in the test; the configuration line left out',
      content: { kind: 'markdown', source: source.replace(settle, '$13s').replace(generate, '') },
    });

    const environments = new EnvironmentsPage(app);
    await environments.open();
    await environments.create({
      name: 'lab-e2e',
      kind: 'test',
      ssh: { host: controlHost, configFile: server.clientConfig },
    });

    const wizard = new StartRunPage(app);
    await wizard.open();
    await wizard.choose({
      runbook: title,
      environment: 'lab-e2e',
      operator: 'Ada Operator',
      variables: { vault_password_file: secretValue },
    });
    await expect(wizard.region.getByLabel('Revision')).toHaveValue('2');
    await expect(wizard.region.getByLabel('vault_password_file', { exact: true })).toHaveAttribute(
      'type',
      'password',
    );
    await expect(wizard.plan).toContainText('Let RabbitMQ settle');
    await expect(wizard.plan).toContainText('destructive');
    await wizard.start();

    const screen = new RunScreenPage(app);
    await screen.waitForTerminal();
    await expect(app).toHaveTitle(/lab-e2e/);

    // A manual check passes with evidence (d opens the evidence dialog).
    await screen.expectSelected('prereq-capacity');
    await screen.press('d');
    await screen.submitDialog(
      { 'Evidence (what you checked, pasted output)': 'hv-03 can be drained: 40% used' },
      'Mark done',
    );
    await screen.expectStatus('prereq-capacity', 'succeeded');

    // Skipping asks the reason (s); the selection followed the run to the next step.
    await screen.expectSelected('prereq-health');
    await screen.press('s');
    await screen.submitDialog({ Reason: 'Tempest ran green an hour ago' }, 'Skip');
    await screen.expectStatus('prereq-health', 'skipped');

    await screen.expectSelected('prereq-latest');
    await screen.action('Mark done');
    await screen.submitDialog(
      { 'Evidence (what you checked, pasted output)': 'images are the newest 2023.1' },
      'Mark done',
    );
    await screen.expectStatus('prereq-latest', 'succeeded');

    // A command step fails (without its configuration line Kolla Ansible finds no inventory), is
    // edited (the line put back, as the template has it) and retried.
    await screen.expectSelected('rabbitmq-312');
    await screen.press('r');
    await screen.expectStatus('rabbitmq-312', 'failed', 30_000);
    await expect(screen.panel.getByTestId('command-exit').first()).toHaveText('exit 1');
    await screen.panel.getByRole('button', { name: 'Edit command' }).first().click();
    const edited = `${generate}${await screen.dialog.getByLabel('Command').inputValue()}`;
    await screen.submitDialog(
      { Command: edited, 'Why (optional)': 'generate the Kolla configuration first' },
      'Save command',
    );
    await expect(screen.panel.getByText('edited during the run')).toBeVisible();
    await screen.action('Retry');
    // Running a failed step again asks first (issue 21), and says the failed attempt stays.
    await expect(screen.dialog.getByTestId('retry-intro')).toContainText(
      'The failed attempt stays in the record',
    );
    await screen.submitDialog({ 'Why (optional, recorded)': 'the configuration line is back' }, 'Run again');
    await screen.expectStatus('rabbitmq-312', 'succeeded', 30_000);

    // The wait counts down (3 s) and ends by itself.
    await screen.expectSelected('rabbitmq-settle');
    await screen.action('Start wait');
    await expect(screen.panel.getByTestId('wait-state')).toBeVisible();
    await screen.expectStatus('rabbitmq-settle', 'succeeded', 20_000);

    await screen.expectSelected('rabbitmq-313');
    await screen.press('r');
    await screen.expectStatus('rabbitmq-313', 'succeeded', 30_000);
    await screen.select('rabbitmq-313');
    await screen.press('n');
    await screen.submitDialog({ Note: 'RabbitMQ **3.13** is up on all controllers' }, 'Add note');
    await expect(screen.panel.getByTestId('note')).toContainText('RabbitMQ 3.13 is up');
    await expect(screen.panel.getByTestId('note').locator('strong')).toHaveText('3.13');

    // j/k move the selection; the gate is signed by name (d on a gate asks for the signature).
    await screen.press('j');
    await screen.expectSelected('upgrade-plan');
    await screen.press('k');
    await screen.expectSelected('rabbitmq-313');
    await screen.press('ArrowDown');
    await screen.expectSelected('upgrade-plan');
    await screen.press('d');
    const gateSignoff = new SignoffDialogPage(app);
    await gateSignoff.fill('Grace Lead', 'change manager');
    await gateSignoff.useHandrailKey();
    await gateSignoff.signAndClose();
    await screen.expectStatus('upgrade-plan', 'succeeded');

    // A backup step: the stand-in prints a checksum line, read as the backup's artefact.
    await screen.expectSelected('backup-config');
    await screen.press('r');
    await screen.expectStatus('backup-config', 'succeeded', 30_000);
    await screen.expectSelected('update-forks');
    await screen.press('k');
    await expect(screen.panel.getByRole('region', { name: 'Backups' })).toContainText('overcloud-db.sql.gz');

    // The help overlay lists the shortcuts.
    await screen.press('?');
    const help = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const key of ['j', 'k', 'r', 'd', 'n', 's', 't', 'Esc', '?'])
      await expect(help.locator('kbd', { hasText: key }).first()).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(help).toBeHidden();

    // The secret never shows: the step that uses it displays the mask.
    await screen.select('kayobe-env');
    await expect(screen.panel.getByTestId('step-command').first()).toContainText('••••••');
    await expect(app.locator('body')).not.toContainText(secretValue);

    // After a reload everything is as it was, read back from the host.
    await app.reload();
    await expect(screen.panel).toBeVisible();
    for (const [key, status] of Object.entries({
      'prereq-capacity': 'succeeded',
      'prereq-health': 'skipped',
      'prereq-latest': 'succeeded',
      'rabbitmq-312': 'succeeded',
      'rabbitmq-settle': 'succeeded',
      'rabbitmq-313': 'succeeded',
      'upgrade-plan': 'succeeded',
      'backup-config': 'succeeded',
    }))
      await screen.expectStatus(key, status);
    await screen.select('prereq-health');
    await expect(screen.panel.getByTestId('skip-reason')).toContainText('Tempest ran green an hour ago');
    await screen.select('prereq-capacity');
    await expect(screen.panel.getByTestId('evidence')).toContainText('hv-03 can be drained');
    await screen.select('rabbitmq-312');
    await expect(screen.panel.getByText('edited during the run')).toBeVisible();
    await expect(screen.panel.getByTestId('step-command').first()).toContainText(
      'service configuration generate',
    );
    await screen.select('rabbitmq-313');
    await expect(screen.panel.getByTestId('note')).toContainText('RabbitMQ 3.13 is up');
    await screen.select('upgrade-plan');
    await expect(screen.panel.getByTestId('signoff')).toContainText('Grace Lead (change manager)');
    await expect(app.getByRole('region', { name: 'Timeline' })).toContainText(
      'Tempest ran green an hour ago',
    );

    // The rest is skipped (gates signed) through the contract, then the run is finished on screen.
    const runId = new URL(app.url()).hash.split('/').at(-1) ?? '';
    const detail = await handrail.rpc.call('runs.get', { id: runId });
    for (const step of detail.steps) {
      if (step.status !== 'pending') continue;
      if (step.kind === 'gate')
        await handrail.rpc.call('reports.sign', {
          runId,
          kind: 'gate',
          stepKey: step.key,
          name: 'Grace Lead',
          key: { kind: 'handrail' },
        });
      else
        await handrail.rpc.call('runs.skip', {
          id: runId,
          stepKey: step.key,
          reason: 'not part of this test',
        });
    }
    await screen.finishRun();
    await expect(app.getByTestId('run-status')).toHaveText('completed');
    await expect(app.getByRole('toolbar', { name: 'Step actions' })).toHaveCount(0);

    const runs = new RunsListPage(app);
    await runs.open();
    await expect(runs.row(title)).toHaveAttribute('data-status', 'completed');
    await expect(runs.row(title)).toContainText('lab-e2e');
    await expect(runs.row(title)).toContainText('Ada Operator');
    // A finished run opens read-only.
    await runs.row(title).getByRole('button', { name: title }).click();
    await expect(app.getByTestId('run-status')).toHaveText('completed');
    await expect(app.getByRole('toolbar', { name: 'Run actions' })).toHaveCount(0);
    await expect(screen.panel.getByRole('toolbar', { name: 'Step actions' })).toHaveCount(0);
  });
});
