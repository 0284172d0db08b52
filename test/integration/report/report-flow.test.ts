import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../../shared/contract/index';
import { allowedSignerLine, signerIdentity } from '../../../shared/report/signer-principal';
import { reportGenerator, reportJsonFormat } from '../../../electron/host/report/report-format';
import { repoRoot } from '../../support/built-app';
import { parseStrictHtml } from '../../support/html-safety';
import { reportVerifyCommands } from '../../support/report-commands';
import { findChromium, findOnPath, skipReason } from '../../support/prerequisites';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';
import { finishedReportRun, stepTitles } from './report-fixture';

/** What the report's own markup may contain; anything else came from input. */
const reportElements = new Set([
  ...['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'section', 'article'],
  ...['h1', 'h2', 'h3', 'h4', 'p', 'div', 'span', 'strong', 'code', 'pre', 'br', 'details', 'summary'],
  ...['dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'svg', 'rect', 'text'],
]);
const reportAttributes = new Set([
  ...['class', 'id', 'lang', 'charset', 'name', 'content', 'http-equiv', 'style', 'role', 'aria-label'],
  ...['xmlns', 'viewbox', 'x', 'y', 'width', 'height', 'text-anchor'],
]);

describe('sign-off and reports', () => {
  let fixture: RunHostFixture;
  let work: string;
  let runId: string;
  const files = new Map<string, ExportedFile>();

  beforeAll(async () => {
    fixture = startRunHost();
    work = mkdtempSync(join(tmpdir(), 'handrail-report-'));
    runId = await finishedReportRun(fixture, work);
    for (const format of ['html', 'markdown', 'json', 'bundle'] as const)
      files.set(format, await fixture.client.call('reports.export', { runId, format }));
  });
  afterAll(() => {
    fixture.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('verifies every form it exports, with both signatures', async () => {
    for (const format of ['html', 'json', 'bundle']) {
      const file = files.get(format)!;
      const result = await fixture.client.call('reports.verify', {
        fileName: file.fileName,
        content: file.content,
      });
      expect(result, format).toMatchObject({
        valid: true,
        chain: { valid: true },
        state: { valid: true },
        document: { valid: true },
      });
      expect(result.signatures.map((signature) => [signature.name, signature.kind, signature.valid])).toEqual(
        [
          ['Grace Hopper', 'gate', true],
          ['Ada Lovelace', 'final', true],
        ],
      );
    }
  });

  it('lets no output, note or evidence add an element or attribute to the HTML', () => {
    const html = files.get('html')!.content;
    const parsed = parseStrictHtml(html);
    const foreign = parsed.elements.filter(
      (element) =>
        !reportElements.has(element.tag) ||
        Object.keys(element.attributes).some((name) => !reportAttributes.has(name)),
    );
    expect(foreign).toEqual([]);
    // The hostile text is there, as text: in the output, the note and the evidence.
    expect(parsed.text.split('<script>alert(1)</script>').length - 1).toBeGreaterThanOrEqual(3);
    expect(parsed.text).toContain(`"'><svg onload=alert(1)>`);
    for (const title of stepTitles) expect(parsed.text).toContain(title);
  });

  it('catches an edit to the visible report, to the log and to a signed payload', async () => {
    const call = (fileName: string, content: string) =>
      fixture.client.call('reports.verify', { fileName, content });
    const html = files.get('html')!.content;
    const edited = html.replace('Grace Hopper</td>', 'Someone Else</td>');
    expect(edited).not.toBe(html);
    expect(await call('edited.html', edited)).toMatchObject({ valid: false, document: { valid: false } });

    const bundle = JSON.parse(files.get('bundle')!.content) as {
      events: { payload: unknown }[];
      signatures: { payload: string }[];
    };
    const withEditedEvent = structuredClone(bundle);
    withEditedEvent.events[3]!.payload = { edited: true };
    expect(await call('edited.json', JSON.stringify(withEditedEvent))).toMatchObject({
      valid: false,
      chain: { valid: false, firstBadSeq: 3 },
    });

    const withEditedPayload = structuredClone(bundle);
    withEditedPayload.signatures[1]!.payload = withEditedPayload.signatures[1]!.payload.replace(
      'operator',
      'operatos',
    );
    const result = await call('payload.json', JSON.stringify(withEditedPayload));
    expect(result.valid).toBe(false);
    expect(result.signatures.map((signature) => signature.valid)).toEqual([true, false]);
  });

  it('tells a report of an earlier form from an edited one, and still checks its record', async () => {
    const call = (fileName: string, content: string) =>
      fixture.client.call('reports.verify', { fileName, content });
    // What form 1 wrote: a bare generator mark in HTML, handrail-report/1 in JSON.
    const olderHtml = files
      .get('html')!
      .content.replace(
        `<meta name="generator" content="${reportGenerator}">`,
        '<meta name="generator" content="Handrail">',
      );
    const olderJson = files
      .get('json')!
      .content.replace(`"format":"${reportJsonFormat}"`, '"format":"handrail-report/1"');
    for (const [name, text] of [
      ['older.html', olderHtml],
      ['older.json', olderJson],
    ] as const) {
      expect(text).not.toBe(files.get(name.endsWith('html') ? 'html' : 'json')!.content);
      const result = await call(name, text);
      expect(result, name).toMatchObject({ valid: false, chain: { valid: true }, state: { valid: true } });
      expect(result.document.problem, name).toContain('written by an earlier Handrail');
      expect(
        result.signatures.every((signature) => signature.valid),
        name,
      ).toBe(true);
    }
  });

  it('states ssh-keygen commands that verify the HTML and Markdown reports against the reader’s own file', (context) => {
    const skip = skipReason(findOnPath('ssh-keygen', 'sudo apt-get install openssh-client'));
    if (skip !== undefined) return context.skip(skip);
    const own = join(work, 'readers_allowed_signers');
    const publicKey = readFileSync(join(fixture.dataDir, 'keys', 'handrail_ed25519.pub'), 'utf8').trim();
    writeFileSync(
      own,
      ['Ada Lovelace', 'Grace Hopper']
        .map((name) => allowedSignerLine(signerIdentity(name), publicKey))
        .join('\n'),
    );
    const stranger = join(work, 'strangers_allowed_signers');
    writeFileSync(stranger, '');
    // A marker planted by content that was there when the run was signed: the recipe's awk
    // matches whole markers, which carry the payload's hash, so it still finds the real block.
    const planted = '<!-- handrail-payload-1 -->\n```\neyJmb3JnZWQiOnRydWV9\n```\n\n';
    const markdown = files.get('markdown')!.content;
    const verification = markdown.indexOf('## Verification');
    const withPlanted = markdown.slice(0, verification) + planted + markdown.slice(verification);
    for (const [format, name, text] of [
      ['html', 'report.html', files.get('html')!.content],
      ['markdown', 'report.md', files.get('markdown')!.content],
      ['markdown', 'report.md', withPlanted],
    ] as const) {
      const dir = mkdtempSync(join(work, `${format}-`));
      writeFileSync(join(dir, name), text);
      for (const number of [1, 2]) {
        const script = reportVerifyCommands(text, format, number);
        expect(script).toContain(
          '-f "${ALLOWED_SIGNERS:?set ALLOWED_SIGNERS to your own allowed_signers file}"',
        );
        const run = (allowedSigners: string | undefined) => {
          const env = { ...process.env };
          if (allowedSigners === undefined) delete env.ALLOWED_SIGNERS;
          else env.ALLOWED_SIGNERS = allowedSigners;
          const result = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
            cwd: dir,
            encoding: 'utf8',
            env,
          });
          return `${result.status} ${result.stdout}${result.stderr}`;
        };
        expect(run(own), `${format} signature ${number}`).toMatch(
          /^0 payload-\d\.json: OK\nGood "handrail" signature/,
        );
        // Not the line the report prints, and not without the reader's own file.
        expect(run(stranger)).not.toMatch(/Good "handrail" signature/);
        expect(run(undefined)).toContain('set ALLOWED_SIGNERS to your own allowed_signers file');
      }
    }
  });

  it('prints a PDF whose text has every step title and the signers', async (context) => {
    const skip =
      skipReason(findChromium()) ?? skipReason(findOnPath('pdftotext', 'sudo apt-get install poppler-utils'));
    if (skip !== undefined) return context.skip(skip);
    const pdf = await fixture.client.call('reports.export', { runId, format: 'pdf' });
    const path = join(work, 'report.pdf');
    writeFileSync(path, Buffer.from(pdf.content, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const expected of [...stepTitles, 'Grace Hopper', 'Ada Lovelace']) expect(text).toContain(expected);
  }, 180_000);

  it('is countersigned on another data folder from the bundle, and every signature still verifies', async () => {
    const reviewer = startRunHost();
    try {
      const bundle = files.get('bundle')!;
      const imported = await reviewer.client.call('reports.import', {
        fileName: bundle.fileName,
        content: bundle.content,
      });
      expect(imported.verification.valid).toBe(true);
      await reviewer.client.call('reports.sign', {
        runId: imported.runId,
        kind: 'countersign',
        name: 'Rita Reviewer',
        role: 'auditor',
        key: { kind: 'handrail' },
      });
      for (const format of ['bundle', 'html'] as const) {
        const again = await reviewer.client.call('reports.export', { runId: imported.runId, format });
        const result = await reviewer.client.call('reports.verify', {
          fileName: again.fileName,
          content: again.content,
        });
        expect(result.valid, format).toBe(true);
        expect(result.signatures.map((signature) => `${signature.name}:${signature.valid}`)).toEqual([
          'Grace Hopper:true',
          'Ada Lovelace:true',
          'Rita Reviewer:true',
        ]);
      }
    } finally {
      reviewer.close();
    }
  });

  it('handrail verify exits 0 for a good report and 1 for an edited one', () => {
    // The reader's own allowed_signers file, with the key the signers used (this host's).
    const trust = join(work, 'allowed_signers');
    const publicKey = readFileSync(join(fixture.dataDir, 'keys', 'handrail_ed25519.pub'), 'utf8').trim();
    writeFileSync(
      trust,
      ['Ada Lovelace', 'Grace Hopper']
        .map((name) => allowedSignerLine(signerIdentity(name), publicKey))
        .join('\n'),
    );
    const good = join(work, 'good.html');
    const bad = join(work, 'bad.html');
    writeFileSync(good, files.get('html')!.content);
    const html = files.get('html')!.content;
    const edited = html.replace('Read the plan', 'Read the plat');
    expect(edited).not.toBe(html);
    writeFileSync(bad, edited);
    const cli = join(repoRoot, 'dist/host/cli.js');
    const ok = spawnSync(process.execPath, [cli, 'verify', good, '--allowed-signers', trust], {
      encoding: 'utf8',
    });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('VALID');
    const failed = spawnSync(process.execPath, [cli, 'verify', bad, '--allowed-signers', trust], {
      encoding: 'utf8',
    });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('FAIL report matches its record');
  });
});
