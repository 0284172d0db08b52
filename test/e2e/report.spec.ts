import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findOnPath, skipReason } from '../support/prerequisites';
import { makeTempDir } from '../support/temp-dir';
import { expect, test } from './fixtures';
import { downloadFrom, ReportsPage, type DownloadedFile } from './pages/reports-page';
import { RunScreenPage } from './pages/run-screen-page';
import { RunsListPage } from './pages/runs-list-page';
import { SignoffDialogPage } from './pages/signoff-dialog-page';
import { StartRunPage } from './pages/start-run-page';

const title = 'Rotate the API certificates';
const validWords = 'VALID: nothing was changed after signing, and every signature is by a key you trust';
const stepTitles = [
  'Show the current certificate',
  'Tidy old certificates',
  'Approve the rotation',
  'Install the new certificate',
];
const runbook = `---
title: "${title}"
---

# ${title}

## Prepare {window=before}

### ${stepTitles[0]} {#show-cert kind=command estimate=1m}

\`\`\`bash run expect-exit=0
echo cert-serial-$((4000+2))
\`\`\`

### ${stepTitles[1]} {#tidy kind=instruction optional estimate=1m}

Remove certificates older than a year.

## Change {window=inside}

### ${stepTitles[2]} {#approve kind=gate estimate=5m}

The change manager approves the rotation.

### ${stepTitles[3]} {#install-cert kind=command estimate=1m}

\`\`\`bash run expect-exit=0
echo installed-new-cert
\`\`\`
`;

test.skip(
  skipReason(findOnPath('ssh-keygen', 'sudo apt-get install openssh-client')) !== undefined,
  'needs ssh-keygen to make the signer’s own key',
);

test('sign off at a gate and at the end, export every form, verify, countersign on a second host', async ({
  app,
  handrail,
  secondHandrail,
  browser,
  pageRequests,
}) => {
  test.setTimeout(240_000);
  const keys = makeTempDir('handrail-e2e-keys-');
  try {
    const ownKey = join(keys.path, 'ada_ed25519');
    const lockedKey = join(keys.path, 'locked_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ada@lab', '-f', ownKey]);
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      'a passphrase',
      '-C',
      'locked',
      '-f',
      lockedKey,
    ]);
    const ownFingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${ownKey}.pub`], {
      encoding: 'utf8',
    }).split(' ')[1]!;

    await handrail.rpc.call('runbooks.create', { title, source: runbook });
    // A plain POSIX sh on this machine: it reads no user rc files (a slow ~/.bashrc cannot delay it).
    await handrail.rpc.call('environments.create', {
      environment: {
        name: 'lab-certs',
        kind: 'test',
        colour: '#2a7ae2',
        controlHost: { kind: 'local', shell: '/bin/sh' },
        variables: {},
        secretNames: [],
      },
    });
    const wizard = new StartRunPage(app);
    await wizard.open();
    await wizard.choose({ runbook: title, environment: 'lab-certs', operator: 'Ada Operator' });
    await wizard.start();

    // Run the run: a command, a skipped step with its reason, then the gate.
    const screen = new RunScreenPage(app);
    await screen.waitForTerminal();
    await screen.expectSelected('show-cert');
    await screen.press('r');
    await screen.expectStatus('show-cert', 'succeeded', 30_000);
    await screen.expectSelected('tidy');
    await screen.press('s');
    await screen.submitDialog({ Reason: 'nothing older than a year in the lab' }, 'Skip');
    await screen.expectStatus('tidy', 'skipped');

    // The gate's sign-off: the summary names the skipped step and why; Handrail's key signs.
    await screen.expectSelected('approve');
    await screen.press('d');
    const signoff = new SignoffDialogPage(app);
    await signoff.fill('Grace Lead', 'change manager');
    await expect(signoff.summary.getByTestId('summary-counts')).toContainText('1 of 4 steps done');
    await expect(signoff.summary.getByRole('list', { name: 'Skipped' })).toContainText(
      `${stepTitles[1]}: nothing older than a year in the lab`,
    );
    const hostKey = await handrail.rpc.call('reports.signingKey', {});
    expect(await signoff.useHandrailKey()).toBe(hostKey.fingerprint);
    // The principal the dialog gives out is the one the report's ssh-keygen command checks (-I).
    const graceLine = `grace.lead@handrail namespaces="handrail" ${hostKey.publicKey}`;
    await expect(signoff.dialog.getByTestId('signer-principal')).toHaveText('grace.lead@handrail');
    await expect(signoff.dialog.getByRole('textbox', { name: /Allowed-signers line/ })).toHaveValue(
      graceLine,
    );
    await signoff.signAndClose();
    await screen.expectStatus('approve', 'succeeded');
    await screen.openRunMenu();
    const report = app.getByRole('region', { name: 'Report' });
    await expect(report.getByTestId('signature')).toHaveCount(1);
    await expect(report.getByTestId('signature')).toContainText(
      'Grace Lead (change manager) — gate of approve',
    );
    await expect(report.getByTestId('signature')).toContainText(`key ${hostKey.fingerprint}`);

    await screen.expectSelected('install-cert');
    await screen.press('r');
    await screen.expectStatus('install-cert', 'succeeded', 30_000);
    await expect(report.getByRole('button', { name: 'Sign off the run' })).toHaveCount(0);
    await screen.finishRun();
    await expect(app.getByTestId('run-status')).toHaveText('completed');

    // The final sign-off with the signer's own SSH key; ssh-keygen's trouble is shown, not swallowed.
    await report.getByRole('button', { name: 'Sign off the run' }).click();
    await signoff.fill('Ada Operator', 'operator');
    await expect(signoff.summary.getByTestId('summary-counts')).toContainText(
      '3 of 4 steps done · 0 failed · 1 skipped',
    );
    await signoff.useSshKey(join(keys.path, 'no_such_key'));
    await signoff.sign();
    await expect(signoff.error).toContainText(`SSH key not found: ${join(keys.path, 'no_such_key')}`);
    await signoff.useSshKey(lockedKey);
    await signoff.sign();
    await expect(signoff.error).toContainText('protected by a passphrase');
    await expect(signoff.error).toContainText(`ssh-add ${lockedKey}`);
    await signoff.useSshKey(ownKey);
    await signoff.signAndClose();
    await expect(report.getByTestId('signature')).toHaveCount(2);
    await expect(report.getByTestId('signature').nth(1)).toContainText(
      `Ada Operator (operator) — final sign-off`,
    );
    await expect(report.getByTestId('signature').nth(1)).toContainText(ownFingerprint);

    // Every form, downloaded through the run screen.
    const exportButton = (label: string) =>
      report.getByRole('group', { name: 'Export' }).getByRole('button', { name: label, exact: true });
    const files: Record<string, DownloadedFile> = {};
    for (const label of ['HTML', 'PDF', 'Markdown', 'JSON', 'Bundle'])
      files[label] = await downloadFrom(app, exportButton(label));
    expect(files.HTML!.fileName).toMatch(/\.html$/);
    const htmlCheck = await handrail.rpc.call('reports.verify', {
      fileName: files.HTML!.fileName,
      content: files.HTML!.bytes.toString('utf8'),
    });
    expect(htmlCheck.valid).toBe(true);
    expect(
      htmlCheck.signatures.map((signature) => [signature.name, signature.fingerprint, signature.valid]),
    ).toEqual([
      ['Grace Lead', hostKey.fingerprint, true],
      ['Ada Operator', ownFingerprint, true],
    ]);
    expect(files.PDF!.fileName).toMatch(/\.pdf$/);
    expect(files.PDF!.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const markdown = files.Markdown!.bytes.toString('utf8');
    for (const stepTitle of stepTitles) expect(markdown).toContain(stepTitle);
    const json = JSON.parse(files.JSON!.bytes.toString('utf8')) as {
      format: string;
      bundle: { run: unknown };
    };
    expect(json.format).toBe('handrail-report/4');
    const html = files.HTML!.bytes.toString('utf8');
    expect(html).toContain(`id="handrail-signer-1">\n${graceLine.replace(/"/g, '&quot;')}\n</pre>`);
    expect(html).toContain('-I grace.lead@handrail -n handrail -s payload-1.sig');
    expect(files.Bundle!.fileName).toMatch(/\.handrail\.json$/);

    // The runs list offers the same downloads and the final sign-off for finished runs.
    const runsList = new RunsListPage(app);
    await runsList.open();
    const row = runsList.row(title);
    await expect(row.getByRole('button', { name: 'Sign off' })).toBeVisible();
    await row.getByText('Export', { exact: true }).click();
    const fromList = await downloadFrom(app, row.getByRole('button', { name: 'Markdown', exact: true }));
    expect(fromList.bytes.toString('utf8')).toContain(stepTitles[2]);

    // Verify in the app: every check line, as `handrail verify` prints them. Signatures count
    // only by keys the workspace's allowed_signers file trusts (issue 19): the team's file.
    const teamSigners = join(keys.path, 'team_signers');
    const teamLines = [graceLine, `ada.operator@handrail ${readFileSync(`${ownKey}.pub`, 'utf8').trim()}`];
    writeFileSync(teamSigners, `${teamLines.join('\n')}\n`);
    await handrail.rpc.call('trust.set', { path: teamSigners });
    const reports = new ReportsPage(app);
    await reports.open();
    const verified = await reports.verify(files.HTML!.path);
    await expect(verified.getByTestId('verdict')).toHaveText(validWords);
    const checks = await ReportsPage.checks(verified);
    expect(checks.map((check) => check.valid)).toEqual([true, true, true, true, true]);
    expect(checks[0]!.text).toMatch(/Event log: \d+ events, head [0-9a-f]{64}/);
    expect(checks[2]!.text).toContain('Report matches its record');
    expect(checks[3]!.text).toContain(`Signature 1: Grace Lead (change manager), gate`);
    expect(checks[3]!.text).toContain(hostKey.fingerprint);
    expect(checks[4]!.text).toContain(`Signature 2: Ada Operator (operator), final`);
    expect(checks[4]!.text).toContain(ownFingerprint);
    // A report edited after signing is caught and said so.
    const edited = join(keys.path, 'edited.html');
    writeFileSync(edited, files.HTML!.bytes.toString('utf8').replace('cert-serial-4002', 'cert-serial-4003'));
    const refused = await reports.verify(edited);
    await expect(refused.getByTestId('verdict')).toHaveText(/^INVALID/);
    await expect(refused.locator('[data-valid="false"]')).toContainText(['Report matches its record']);

    // Another machine: a second host and data folder imports the bundle, countersigns, exports.
    const context = await browser.newContext();
    try {
      const reviewerPage = await context.newPage();
      await reviewerPage.goto(secondHandrail.url);
      await expect(reviewerPage.getByTestId('host-status')).toContainText('Connected');
      const review = new ReportsPage(reviewerPage);
      await review.open();
      await secondHandrail.rpc.call('trust.set', { path: teamSigners });
      const imported = await review.import(files.Bundle!.path);
      await expect(imported.getByTestId('verdict')).toHaveText(validWords);
      await review.openImported(`${title} — lab-certs`);
      const importedRun = reviewerPage.getByRole('region', { name: 'Imported run' });
      await expect(importedRun.getByTestId('imported-step')).toHaveCount(4);
      await expect(importedRun.getByTestId('imported-step').nth(1)).toHaveAttribute('data-status', 'skipped');
      await expect(importedRun.getByTestId('signature')).toHaveCount(2);
      // Each stored signature judged by this workspace's trust file (the team's).
      await expect(importedRun.locator('[data-testid="signature"][data-trust="trusted"]')).toHaveCount(2);

      await importedRun.getByRole('button', { name: 'Countersign' }).click();
      const countersign = new SignoffDialogPage(reviewerPage);
      await countersign.fill('Rita Reviewer', 'auditor');
      await expect(countersign.summary).toContainText('nothing older than a year in the lab');
      const reviewerKey = await countersign.useHandrailKey();
      expect(reviewerKey).toBe((await secondHandrail.rpc.call('reports.signingKey', {})).fingerprint);
      expect(reviewerKey).not.toBe(hostKey.fingerprint);
      await countersign.signAndClose();
      await expect(importedRun.getByTestId('signature')).toHaveCount(3);
      // The team trusts the reviewer's key too, from now on (the file is read at each check).
      const reviewerPublicKey = (await secondHandrail.rpc.call('reports.signingKey', {})).publicKey;
      writeFileSync(
        teamSigners,
        `${[...teamLines, `rita.reviewer@handrail ${reviewerPublicKey}`].join('\n')}\n`,
      );

      const exportAgain = (label: string) =>
        downloadFrom(
          reviewerPage,
          importedRun
            .getByRole('group', { name: 'Export' })
            .getByRole('button', { name: label, exact: true }),
        );
      const againHtml = await exportAgain('HTML');
      const againBundle = await exportAgain('Bundle');
      await review.open();
      for (const file of [againHtml, againBundle]) {
        const result = await review.verify(file.path);
        await expect(result.getByTestId('verdict')).toHaveText(validWords);
        const lines = await ReportsPage.checks(result);
        expect(lines.every((line) => line.valid)).toBe(true);
        expect(lines.filter((line) => line.text.includes('Signature')).map((line) => line.text)).toEqual([
          expect.stringContaining('Grace Lead'),
          expect.stringContaining('Ada Operator'),
          expect.stringContaining(`Rita Reviewer (auditor), countersign`),
        ]);
      }
      // The first machine agrees: all three signatures of the re-exported bundle hold there too.
      const back = await handrail.rpc.call('reports.verify', {
        fileName: againBundle.fileName,
        content: againBundle.bytes.toString('utf8'),
      });
      expect(back.valid).toBe(true);
      expect(back.signatures.map((signature) => `${signature.name}:${signature.valid}`)).toEqual([
        'Grace Lead:true',
        'Ada Operator:true',
        'Rita Reviewer:true',
      ]);
    } finally {
      await context.close();
    }
    // Downloads are Blob URLs made in the page: nothing of this left the host.
    const outside = pageRequests.filter(
      (url) =>
        !url.startsWith(`${handrail.origin}/`) &&
        !url.startsWith(`${handrail.origin.replace('http', 'ws')}/`) &&
        !url.startsWith(`blob:${handrail.origin}/`),
    );
    expect(outside).toEqual([]);
  } finally {
    keys.remove();
  }
});
