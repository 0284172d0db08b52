import { readFileSync } from 'node:fs';
import type { HandrailServer } from './fixtures';
import { expect, test } from './fixtures';
import { RunScreenPage } from './pages/run-screen-page';
import { approveRun } from '../support/approve-run';

/**
 * Issue 14, order guards, in the Kayobe template: "Let RabbitMQ settle" (200 s) holds back the
 * RabbitMQ 3.13 upgrade after it. Off production the operator may go ahead with a reason, which
 * the step then shows; in a live production run the step is refused until the wait is over.
 */
const template = readFileSync(new URL('../../resources/runbooks/kayobe-upgrade.md', import.meta.url), 'utf8');

async function startKayobeRun(handrail: HandrailServer, kind: 'test' | 'production'): Promise<string> {
  const runbook = await handrail.rpc.call('runbooks.create', { title: 'Kayobe', source: template });
  const environment = await handrail.rpc.call('environments.create', {
    environment: { name: `kayobe-${kind}`, kind, colour: '#2f855a', controlHost: { kind: 'local' } },
  });
  const { run } = await handrail.rpc.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada Operator',
    secrets: { vault_password_file: '/etc/kayobe/vault-password' },
  });
  // Approval before change (docs/approval.md) is not this file's subject: a second person approves.
  if (kind === 'production') await approveRun(handrail.rpc, run.id);
  return run.id;
}

test('a 200 s wait holds back the next step: going ahead asks for a reason and records it', async ({
  app,
  handrail,
}) => {
  test.setTimeout(120_000);
  const id = await startKayobeRun(handrail, 'test');
  await app.goto(`${handrail.url}#/runs/${id}`);
  const screen = new RunScreenPage(app);
  await screen.waitForTerminal();

  await screen.select('rabbitmq-settle');
  await screen.action('Start wait');
  await expect(app.getByTestId('wait-state')).toContainText(/3:[0-2]\d left/);

  await screen.select('rabbitmq-313');
  await expect(screen.hold).toContainText(/"Let RabbitMQ settle" is still waiting \(3:[0-2]\d left\)/);
  await expect(screen.hold).toContainText('Doing it now asks for a reason');
  await screen.action('Run');
  await expect(screen.dialog).toContainText('Held back: "Let RabbitMQ settle" is still waiting');
  // The reason is required: Run stays disabled without one, and the step has not started.
  await expect(screen.dialog.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await screen.expectStatus('rabbitmq-313', 'pending');
  await screen.submitDialog(
    { 'Why go ahead now (recorded with the step)': 'the cluster is idle: no need to settle' },
    'Run',
  );
  await expect(screen.dialog).toBeHidden();
  await expect(app.getByTestId('out-of-order')).toContainText(
    'Done while held back (a wait was running) by Ada Operator',
  );
  await expect(app.getByTestId('out-of-order')).toContainText('the cluster is idle: no need to settle');
  const events = await handrail.rpc.call('runs.events', { id });
  expect(events.find((event) => event.type === 'step.outOfOrder')).toMatchObject({
    stepKey: 'rabbitmq-313',
    payload: { kind: 'wait', heldBy: ['rabbitmq-settle'] },
  });
});

test('production: the step after a running wait is refused until the wait is cut short', async ({
  app,
  handrail,
}) => {
  test.setTimeout(120_000);
  const id = await startKayobeRun(handrail, 'production');
  // Earlier steps are left pending: starting the wait out of order says why.
  await handrail.rpc.call('runs.startWait', {
    id,
    stepKey: 'rabbitmq-settle',
    outOfOrderReason: 'RabbitMQ 3.12 was upgraded in the previous window',
  });
  await app.goto(`${handrail.url}#/runs/${id}`);
  const screen = new RunScreenPage(app);
  await screen.waitForTerminal();
  await screen.select('rabbitmq-313');
  await expect(screen.hold).toHaveAttribute('data-refused', 'true');
  await expect(screen.hold).toContainText('In a live production run this step waits until the wait ends');
  await screen.action('Run');
  await expect(screen.stepError).toContainText('in a live production run this step waits');
  await expect(screen.dialog).toHaveCount(0);
  await screen.expectStatus('rabbitmq-313', 'pending');

  await screen.select('rabbitmq-settle');
  await screen.action('Cut short');
  await screen.submitDialog({ Reason: 'queues drained, checked in the management UI' }, 'Cut');
  await screen.expectStatus('rabbitmq-settle', 'succeeded');
  await screen.select('rabbitmq-313');
  // Now only the order rule of production holds it: earlier steps are not done.
  await expect(screen.hold).toContainText('earlier steps are not done');
  await expect(screen.hold).not.toHaveAttribute('data-refused', 'true');
});
