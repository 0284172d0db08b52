import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../../shared/contract/index';
import { reportVerifyCommands } from '../../support/report-commands';
import { generateKey, keygenFingerprint, sshKeygenAvailable } from '../../support/ssh-keygen-cli';
import { finishedReportRun } from '../report/report-fixture';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';

const mentor = 'Maria Mentor';
/** Written out by hand from the name (lower case, dots, @handrail), not computed by the code under test. */
const principal = 'maria.mentor@handrail';

/**
 * A mentor signs the review with her own SSH key (ssh-keygen -Y sign through the host), and the
 * report's own printed commands, run by bash exactly as printed, verify it with OpenSSH.
 */
describe.skipIf(!sshKeygenAvailable())('a review signed with the mentor’s own SSH key', () => {
  let fixture: RunHostFixture;
  let work: string;
  let runId: string;
  let mentorKey: string;
  const files = new Map<'html' | 'markdown', ExportedFile>();

  beforeAll(async () => {
    fixture = startRunHost();
    work = mkdtempSync(join(tmpdir(), 'handrail-review-key-'));
    runId = await finishedReportRun(fixture, work);
    mentorKey = join(work, 'maria_ed25519');
    generateKey(mentorKey, 'ed25519');
    const { client } = fixture;
    await client.call('reviews.addComment', { runId, stepKey: null, author: mentor, text: 'Steady.' });
    await client.call('reviews.assess', { runId, author: mentor, verdict: 'ready', text: 'Ready to lead.' });
    const signed = await client.call('reports.sign', {
      runId,
      kind: 'review',
      name: mentor,
      role: 'mentor',
      key: { kind: 'ssh', keyPath: mentorKey },
    });
    expect(signed).toMatchObject({
      kind: 'review',
      identity: principal,
      fingerprint: keygenFingerprint(`${mentorKey}.pub`),
    });
    for (const format of ['html', 'markdown'] as const)
      files.set(format, await client.call('reports.export', { runId, format }));
  }, 60_000);
  afterAll(() => {
    fixture?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /**
   * Runs the report's commands for signature 3 (gate, final, review) in a folder holding the
   * report, with ALLOWED_SIGNERS naming the reader's own file (the reviewer's key by default).
   */
  function runPrinted(format: 'html' | 'markdown', allowedSigners = ownSigners()) {
    const dir = mkdtempSync(join(work, `${format}-`));
    const name = format === 'html' ? 'report.html' : 'report.md';
    writeFileSync(join(dir, name), files.get(format)!.content);
    const script = reportVerifyCommands(files.get(format)!.content, format, 3);
    const result = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ALLOWED_SIGNERS: allowedSigners },
    });
    return { dir, script, status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('verifies with the exact ssh-keygen command line the HTML and Markdown reports print', () => {
    const fingerprint = keygenFingerprint(`${mentorKey}.pub`);
    for (const format of ['html', 'markdown'] as const) {
      const { script, status, output } = runPrinted(format);
      expect(script.split('\n').at(-1)).toBe(
        `ssh-keygen -Y verify -f "\${ALLOWED_SIGNERS:?set ALLOWED_SIGNERS to your own allowed_signers file}" -I ${principal} -n handrail -s payload-3.sig < payload-3.json`,
      );
      expect(`${status} ${output}`, format).toMatch(
        new RegExp(
          `^0 payload-3\\.json: OK\nGood "handrail" signature for ${principal.replace('.', '\\.')} with ED25519 key ${fingerprint.replace(/[+/]/g, '\\$&')}`,
        ),
      );
    }
  });

  it('prints the allowed-signers line under the same principal the command checks, with her public key', () => {
    const [type, base64] = readFileSync(`${mentorKey}.pub`, 'utf8').trim().split(' ');
    const html = files.get('html')!.content;
    expect(html).toContain(
      `<pre class="allowed-signer" id="handrail-signer-3">\n${principal} namespaces=&quot;handrail&quot; ${type} ${base64}\n</pre>`,
    );
    const markdown = files.get('markdown')!.content;
    expect(markdown).toContain(`\n\`\`\`\n${principal} namespaces="handrail" ${type} ${base64}\n\`\`\``);
    // Its marker carries the SHA-256 of the line it introduces.
    const line = `${principal} namespaces="handrail" ${type} ${base64}`;
    expect(markdown).toContain(
      `<!-- handrail-signer-3 sha256:${createHash('sha256').update(line, 'utf8').digest('hex')} -->\n`,
    );
  });

  it('says what the check proves and what it does not; a reader’s own allowed_signers decides who signed', () => {
    for (const format of ['html', 'markdown'] as const) {
      // As read: Markdown's backslash escapes (allowed\_signers) taken away.
      const text = files.get(format)!.content.replace(/\\(.)/g, '$1');
      expect(text).toContain('set ALLOWED_SIGNERS to your own allowed_signers file');
      expect(text).toContain('compare it with your file, never verify with it');
    }
    // The reader's own file listing her key under her principal: good (runPrinted's default).
    expect(runPrinted('html').output).toMatch(/Good "handrail" signature/);
    // A file that lists another key for that principal: the same report's signature is refused.
    const other = join(work, 'other_ed25519');
    generateKey(other, 'ed25519');
    const otherPub = readFileSync(`${other}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
    const stranger = join(work, 'stranger_allowed_signers');
    writeFileSync(stranger, `${principal} namespaces="handrail" ${otherPub}\n`);
    const refused = runPrinted('html', stranger);
    expect(refused.status).not.toBe(0);
    expect(refused.output).not.toMatch(/Good "handrail" signature/);
  });

  /** The reader's own allowed_signers: the mentor's real key under her principal. */
  function ownSigners(): string {
    const own = join(work, 'own_allowed_signers');
    const pub = readFileSync(`${mentorKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
    writeFileSync(own, `${principal} namespaces="handrail" ${pub}\n`);
    return own;
  }

  it('handrail verify agrees: the review signature holds with her key’s fingerprint', async () => {
    const html = files.get('html')!;
    const result = await fixture.client.call('reports.verify', {
      fileName: html.fileName,
      content: html.content,
    });
    expect(result.valid).toBe(true);
    expect(result.signatures.at(-1)).toMatchObject({
      kind: 'review',
      name: mentor,
      role: 'mentor',
      fingerprint: keygenFingerprint(`${mentorKey}.pub`),
      valid: true,
    });
  });
});
