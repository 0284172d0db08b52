import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowedSignerLine, signerIdentity } from '../../shared/report/signer-principal';
import { findOnPath, skipReason } from '../support/prerequisites';
import { makeTempDir } from '../support/temp-dir';
import { expect, test } from './fixtures';
import { ReportsPage } from './pages/reports-page';
import { RunScreenPage } from './pages/run-screen-page';
import { TrustPanelPage } from './pages/trust-page';

const title = 'Trust and visible controls';
// U+202E (RIGHT-TO-LEFT OVERRIDE) would show this command to the operator reversed after it.
const command = 'echo "safe \u202e mr- fr/ \u202c" # looks harmless';
const runbook = `---
title: "${title}"
---

# ${title}

## Steps {window=inside}

### Run the tidy-up {#tidy kind=command}

\`\`\`bash run
${command}
\`\`\`

### Look at the result {#look kind=instruction}

Check it.
`;

test.skip(
  skipReason(findOnPath('ssh-keygen', 'sudo apt-get install openssh-client')) !== undefined,
  'needs ssh-keygen to make a key the workspace does not trust',
);

/**
 * Issue 19 in the app: the workspace's allowed_signers file decides whose signature counts (a
 * bad line refused by file and line; a trusted key VALID; an unknown key UNKNOWN KEY and not
 * valid), and a bidi control in a command is shown as its marker on the run screen.
 */
test('the trust file judges signatures on the Verify screen; a U+202E in a command shows visibly', async ({
  app,
  handrail,
}) => {
  test.setTimeout(120_000);
  const { rpc } = handrail;
  const temp = makeTempDir('handrail-e2e-trust-');
  try {
    const created = await rpc.call('runbooks.create', { title, source: runbook });
    const environment = await rpc.call('environments.create', {
      environment: { name: 'lab-trust', kind: 'test', colour: '#2f855a', controlHost: { kind: 'local' } },
    });
    const { run } = await rpc.call('runs.start', {
      runbookId: created.id,
      revision: created.revision,
      environmentId: environment.id,
      mode: 'live',
      operator: 'Ada Operator',
    });

    // The command about to be run shows the override as a marker, never as itself.
    await app.goto(`${handrail.url.split('#')[0]}#/runs/${run.id}`);
    const screen = new RunScreenPage(app);
    const shown = screen.panel.getByTestId('step-command').locator('code');
    await expect(shown).toContainText('<U+202E>');
    await expect(shown.getByTestId('visible-control')).toHaveText(['<U+202E>', '<U+202C>']);
    expect(await shown.textContent()).not.toContain('\u202e');
    // A note holding one shows it the same way, in the step's notes and on the timeline.
    await rpc.call('runs.addNote', { id: run.id, stepKey: 'tidy', text: 'looked at \u202eeulav' });
    const note = screen.panel.getByTestId('note');
    await expect(note.getByTestId('visible-control')).toHaveText('<U+202E>');
    expect(await note.textContent()).not.toContain('\u202e');
    const timeline = app.getByRole('region', { name: 'Timeline' });
    await expect(timeline.getByTestId('visible-control').first()).toHaveText('<U+202E>');
    expect(await timeline.textContent()).not.toContain('\u202e');

    // Two reports of the run: one signed by this workspace's key, one countersigned as the same
    // operator with a fresh key nobody trusts.
    await rpc.call('runs.abort', { id: run.id, reason: 'only here to be signed' });
    await rpc.call('reports.sign', {
      runId: run.id,
      kind: 'final',
      name: 'Ada Operator',
      role: 'operator',
      key: { kind: 'handrail' },
    });
    const trustedBundle = join(temp.path, 'trusted.handrail.json');
    writeFileSync(
      trustedBundle,
      (await rpc.call('reports.export', { runId: run.id, format: 'bundle' })).content,
    );
    const strangerKey = join(temp.path, 'stranger_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'stranger', '-f', strangerKey]);
    await rpc.call('reports.sign', {
      runId: run.id,
      kind: 'countersign',
      name: 'Ada Operator',
      role: 'operator',
      key: { kind: 'ssh', keyPath: strangerKey },
    });
    const strangerBundle = join(temp.path, 'stranger.handrail.json');
    writeFileSync(
      strangerBundle,
      (await rpc.call('reports.export', { runId: run.id, format: 'bundle' })).content,
    );
    const strangerFingerprint = /SHA256:\S+/.exec(
      execFileSync('ssh-keygen', ['-l', '-f', `${strangerKey}.pub`], { encoding: 'utf8' }),
    )![0];

    const hostKey = await rpc.call('reports.signingKey', {});
    const trustFile = join(temp.path, 'allowed_signers');
    writeFileSync(
      trustFile,
      `# our team\n${allowedSignerLine(signerIdentity('Ada Operator'), hostKey.publicKey)}\n`,
    );
    const brokenFile = join(temp.path, 'broken_signers');
    writeFileSync(brokenFile, `${readFileSync(trustFile, 'utf8')}bob@handrail ssh-ed25519 not-base64!\n`);

    const reports = new ReportsPage(app);
    await reports.open();
    const trust = new TrustPanelPage(app);
    await expect(trust.state).toHaveAttribute('data-state', 'unset');
    // No trust file: the signature verifies, but its key is not judged, so nothing is VALID.
    const unjudged = await reports.verify(trustedBundle);
    await expect(unjudged.getByTestId('verdict')).toHaveAttribute('data-state', 'not-judged');
    await expect(unjudged.getByTestId('verdict')).toHaveText(
      /^CONSISTENT, signed by untrusted keys: SHA256:/,
    );
    expect((await TrustPanelPage.signatures(unjudged)).map((line) => [line.trust, line.valid])).toEqual([
      ['not-judged', false],
    ]);
    await expect(unjudged.locator('[data-trust="not-judged"] .check-mark')).toHaveText('?');
    await trust.use(brokenFile);
    await expect(trust.error).toHaveText(`${brokenFile}:3: the key is not base64`);
    await expect(trust.state).toHaveAttribute('data-state', 'unset');
    await trust.use(trustFile);
    await expect(trust.state).toHaveAttribute('data-state', 'set');
    await expect(trust.region.getByTestId('trust-path')).toHaveText(trustFile);
    await expect(trust.region.getByTestId('trust-keys')).toHaveText('1');

    const valid = await reports.verify(trustedBundle);
    await expect(valid.getByTestId('verdict')).toHaveAttribute('data-state', 'valid');
    await expect(valid.getByTestId('verdict')).toHaveText(
      'VALID: nothing was changed after signing, and every signature is by a key you trust',
    );
    const trustedLines = await TrustPanelPage.signatures(valid);
    expect(trustedLines.map((line) => [line.trust, line.valid])).toEqual([['trusted', true]]);
    expect(trustedLines[0]!.text).toContain('trusted (ada.operator@handrail, allowed-signers line 2)');
    expect(trustedLines[0]!.text).toContain(hostKey.fingerprint);

    const refused = await reports.verify(strangerBundle);
    await expect(refused.getByTestId('verdict')).toHaveAttribute('data-state', 'untrusted');
    await expect(refused.getByTestId('verdict')).toHaveText(/^INVALID: /);
    const strangerLines = await TrustPanelPage.signatures(refused);
    expect(strangerLines.map((line) => [line.trust, line.valid])).toEqual([
      ['trusted', true],
      ['unknown-key', false],
    ]);
    expect(strangerLines[1]!.text).toContain(`UNKNOWN KEY ${strangerFingerprint}`);
    // Not green: the line is marked FAIL, in the colour of a failure.
    const unknownLine = refused.locator('[data-trust="unknown-key"]');
    await expect(unknownLine.locator('.check-mark')).toHaveText('FAIL');
    await expect(unknownLine).toHaveClass(/check-fail/);
  } finally {
    temp.remove();
  }
});
