import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { RpcClient } from '../../shared/rpc/client';
import { findOnPath, skipReason } from '../support/prerequisites';
import { makeTempDir } from '../support/temp-dir';
import { expect, test } from './fixtures';
import { RunScreenPage } from './pages/run-screen-page';
import { RunsListPage } from './pages/runs-list-page';
import { SignoffDialogPage } from './pages/signoff-dialog-page';
import { StartRunPage } from './pages/start-run-page';

test.skip(
  skipReason(findOnPath('ssh-keygen', 'sudo apt-get install openssh-client')) !== undefined,
  'needs ssh-keygen to make the mentor’s own key',
);

let keyFolder: { path: string; remove(): void } | undefined;
test.afterEach(() => keyFolder?.remove());

/** The mentor's own key pair, made with ssh-keygen in a folder removed after the test. */
function mentorSshKey(): { path: string; fingerprint: string } {
  keyFolder = makeTempDir('handrail-e2e-mentor-');
  const path = join(keyFolder.path, 'maria_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'maria@lab', '-f', path]);
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${path}.pub`], { encoding: 'utf8' }).split(
    ' ',
  )[1]!;
  return { path, fingerprint };
}

const title = 'Training drill';
/** Revision 1: the check expects version 2, the command prints version 1 (a trainee fixes it). */
const revisionOne = `---
title: "${title}"
---

# ${title}

## Drill {window=before}

### Read the drill {#read-drill kind=instruction}

Read it through once.

### Print the version {#print-version kind=check}

\`\`\`bash run expect-output="^drill-version 2$"
echo "drill-version 1"
\`\`\`

\`\`\`text output
drill-version 2
\`\`\`

### Restart the service {#restart kind=instruction}

Restart it.
`;
/** Revision 2 adds a step: the comparison shows it as added. */
const revisionTwo = revisionOne.replace(
  '### Restart the service',
  '### Check the disk {#check-disk kind=command}\n\n```bash run\necho disk-ok\n```\n\n### Restart the service',
);

/** The mentor's own earlier run of revision 1, through the contract: the reference. */
async function referenceRun(rpc: RpcClient, runbookId: string, environmentId: string): Promise<string> {
  const { run } = await rpc.call('runs.start', {
    runbookId,
    revision: 1,
    environmentId,
    mode: 'practice',
    operator: 'Maria Mentor',
  });
  await rpc.call('runs.markDone', { id: run.id, stepKey: 'read-drill' });
  await rpc.call('runs.addNote', { id: run.id, stepKey: 'read-drill', text: 'reference note' });
  await rpc.call('runs.skip', { id: run.id, stepKey: 'print-version', reason: 'shown on the whiteboard' });
  await rpc.call('runs.markDone', { id: run.id, stepKey: 'restart' });
  await rpc.call('runs.finish', { id: run.id });
  return run.id;
}

test('practise in a training environment, review it as a mentor, compare it with a reference run, find it by search and replay it', async ({
  app,
  handrail,
}) => {
  test.setTimeout(180_000);
  const mentorKey = mentorSshKey();
  const { rpc } = handrail;
  const environment = await rpc.call('environments.create', {
    environment: {
      name: 'training-lab',
      kind: 'training',
      colour: '#2b6cb0',
      controlHost: { kind: 'local', shell: '/bin/bash' },
      variables: {},
      secretNames: [],
    },
  });
  const created = await rpc.call('runbooks.create', { title, source: revisionOne });
  const referenceId = await referenceRun(rpc, created.id, environment.id);
  await rpc.call('runbooks.saveRevision', {
    id: created.id,
    baseRevision: created.revision,
    message: 'check the disk too',
    content: { kind: 'markdown', source: revisionTwo },
  });

  // The trainee starts a run: a training environment starts in practice mode.
  const wizard = new StartRunPage(app);
  await wizard.open();
  await wizard.choose({ runbook: title, environment: 'training-lab', operator: 'Tina Trainee' });
  await expect(wizard.region.getByLabel('Practice')).toBeChecked();
  await wizard.start();
  const screen = new RunScreenPage(app);
  await expect(app.getByTestId('practice-banner')).toContainText('PRACTICE RUN');
  await expect(app).toHaveTitle(/PRACTICE training-lab/);
  await screen.waitForTerminal();

  await screen.expectSelected('read-drill');
  await screen.action('Mark done');
  await screen.expectStatus('read-drill', 'succeeded');

  // The check runs and does not match: the practice check says so and shows what was expected.
  await screen.expectSelected('print-version');
  await expect(screen.panel.getByTestId('expected-output')).toHaveCount(0);
  await screen.action('Run');
  await screen.expectStatus('print-version', 'failed', 30_000);
  const check = screen.panel.getByTestId('practice-check');
  await expect(check.getByTestId('practice-result')).toHaveAttribute('data-matched', 'false');
  await expect(check).toContainText('Did not match the runbook’s expectation');
  await expect(check.getByTestId('expected-rules')).toContainText('/^drill-version 2$/');
  await expect(check.getByTestId('expected-output')).toHaveText('drill-version 2');

  // Fixed and retried, it matches.
  await screen.panel.getByRole('button', { name: 'Edit command' }).first().click();
  await screen.submitDialog({ Command: 'echo "drill-version 2"' }, 'Save command');
  await screen.action('Retry');
  await screen.submitDialog({}, 'Run again');
  await screen.expectStatus('print-version', 'succeeded', 30_000);
  await screen.select('print-version');
  await expect(check.getByTestId('practice-result')).toHaveAttribute('data-matched', 'true');
  await expect(check).toContainText('Matched the runbook’s expectation');

  await screen.select('check-disk');
  await screen.action('Run');
  await screen.expectStatus('check-disk', 'succeeded', 30_000);
  await screen.select('restart');
  await screen.action('Mark done');
  await screen.expectStatus('restart', 'succeeded');
  await screen.finishRun();
  await expect(app.getByTestId('run-status')).toHaveText('completed');
  const runId = new URL(app.url()).hash.split('/').at(-1) ?? '';

  // The run list labels it practice; the mentor opens it in review mode from there.
  const runs = new RunsListPage(app);
  await runs.open();
  const row = runs.row(title).filter({ hasText: 'Tina Trainee' });
  await expect(row.getByTestId('practice-badge')).toHaveText('PRACTICE');
  await row.getByRole('link', { name: 'Review' }).click();
  const review = app.getByLabel('Review', { exact: true });
  await expect(review.getByRole('heading', { name: `Review: ${title}` })).toBeVisible();
  await expect(app.getByTestId('practice-banner')).toBeVisible();
  await review.getByLabel('Reviewer').fill('Maria Mentor');

  await screen.select('print-version');
  const stepComments = review.getByRole('region', { name: 'Mentor’s comments on this step' });
  await stepComments.getByLabel('Comment').fill('Compare with the expected output before you retry.');
  await stepComments.getByRole('button', { name: 'Add comment' }).click();
  await expect(stepComments.getByTestId('review-comment')).toContainText('Maria Mentor');
  const runComments = review.getByRole('region', { name: 'Mentor’s comments on the run' });
  await runComments.getByLabel('Comment').fill('Calm and methodical.');
  await runComments.getByRole('button', { name: 'Add comment' }).click();
  await expect(runComments.getByTestId('review-comment')).toContainText('Calm and methodical.');
  // The operator's notes stay where they were: the comments are not among them.
  await expect(screen.panel.getByTestId('note')).toHaveCount(0);

  const assessment = review.getByRole('region', { name: 'Assessment' });
  await assessment.getByLabel('Verdict').selectOption('needs-practice');
  await assessment.getByLabel('Assessment').fill('Knows the steps; practise reading expectations first.');
  await assessment.getByRole('button', { name: 'Save assessment' }).click();
  await expect(assessment.getByTestId('assessment-verdict')).toHaveText('Needs practice');
  // Signed like any sign-off: the dialog asks name, role and key; the mentor's own SSH key is the default.
  await assessment.getByRole('button', { name: 'Sign the review…' }).click();
  const signoff = new SignoffDialogPage(app);
  await expect(signoff.dialog.getByRole('heading', { name: `Sign the review: ${title}` })).toBeVisible();
  await expect(signoff.dialog.getByLabel('Name', { exact: true })).toHaveValue('Maria Mentor');
  await expect(signoff.dialog.getByLabel('My own SSH key')).toBeChecked();
  await expect(signoff.dialog.getByTestId('signer-principal')).toHaveText('maria.mentor@handrail');
  await signoff.fill('Maria Mentor', 'mentor');
  await signoff.useSshKey(mentorKey.path);
  await signoff.signAndClose();
  await expect(assessment.getByTestId('review-signoff')).toContainText('covering 3 review entries');
  await expect(assessment.getByTestId('review-signoff')).toContainText('Maria Mentor (mentor)');
  await expect(assessment.getByTestId('review-signoff')).toContainText(mentorKey.fingerprint);

  // The review is in the report, and the report verifies with the review signature.
  const state = await rpc.call('reviews.get', { runId });
  expect(state.entries.map((entry) => [entry.kind, entry.stepKey])).toEqual([
    ['comment', 'print-version'],
    ['comment', null],
    ['assessment', null],
  ]);
  const html = await rpc.call('reports.export', { runId, format: 'html' });
  expect(html.content).toContain('Compare with the expected output before you retry.');
  expect(html.content).toContain('PRACTICE');
  const verified = await rpc.call('reports.verify', { fileName: html.fileName, content: html.content });
  expect(verified.valid).toBe(true);
  expect(verified.signatures.map((item) => `${item.kind}:${item.valid}`)).toEqual(['review:true']);
  expect(html.content).toContain('-I maria.mentor@handrail -n handrail');

  // Compared with the mentor's reference run of revision 1.
  await review.getByRole('link', { name: 'Compare with a reference run' }).click();
  const compare = app.getByRole('region', { name: 'Compare runs' });
  await compare.getByLabel('Reference run').selectOption(referenceId);
  await expect(compare.getByTestId('revision-note')).toContainText('revisions (2 and 1)');
  const rowOf = (key: string) => compare.locator(`[data-testid="compare-row"][data-key="${key}"]`);
  await expect(rowOf('check-disk')).toHaveAttribute('data-presence', 'added');
  await expect(rowOf('print-version')).toHaveAttribute('data-presence', 'both');
  await expect(rowOf('print-version').getByTestId('compare-run')).toContainText('2 attempts');
  await expect(rowOf('print-version').getByTestId('compare-run')).toContainText('1 command edited');
  await expect(rowOf('print-version').getByTestId('compare-reference')).toContainText(
    'skipped: shown on the whiteboard',
  );
  await expect(rowOf('read-drill').getByTestId('compare-reference')).toContainText('reference note');
  await expect(compare.getByRole('table', { name: 'Totals' })).toContainText('Attempts');
  await expect(app).toHaveURL(new RegExp(`#/compare/${runId}/${referenceId}$`));

  // Search finds a word one of its commands printed, and jumps to that moment in the replay.
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Search' }).click();
  const search = app.getByRole('search');
  await search.getByRole('searchbox').fill('disk-ok');
  await search.getByRole('button', { name: 'Search' }).click();
  const group = app.getByTestId('search-group').filter({ hasText: 'training-lab' });
  await expect(group.getByRole('heading', { name: 'Check the disk' })).toBeVisible();
  const hit = group.getByTestId('search-hit').filter({ hasText: 'terminal' }).first();
  await expect(hit.locator('mark').first()).toHaveText('disk-ok');
  await hit.getByRole('button', { name: 'Replay here' }).click();
  await expect(app).toHaveURL(new RegExp(`#/runs/${runId}/replay\\?session=[0-9a-f-]+&at=\\d+`));
  await expect(app.getByTestId('replay-screen').locator('.xterm-rows')).toContainText('disk-ok');
});
