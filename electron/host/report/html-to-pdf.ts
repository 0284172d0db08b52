import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where a Chromium is usually installed; HANDRAIL_CHROMIUM names another. */
const chromiumCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** A PDF can take a while for a long run on a slow machine; a hung browser must not hang the host. */
const pdfTimeoutMs = 120_000;

export class PdfError extends Error {
  override name = 'PdfError';
}

/**
 * Chromium with no network. Its background services (network time, component and extension
 * updates, Google account checks) made 19 DNS queries for an accounts host and 4 for a clients
 * host during one export, even with the usual --disable-background-networking. So, beyond turning
 * those services off: every host name resolves to nothing, and what would still go out goes to a
 * proxy on 127.0.0.1 where nothing listens, so it fails on this machine. Scripts are off through
 * the report's own CSP (`default-src 'none'`); Blink's scriptEnabled=false switch would be
 * redundant and stops headless Chromium from printing at all. test/e2e/offline-counters.spec.ts
 * counts this process's DNS queries and connections under strace (both 0).
 */
export const offlineChromiumFlags = [
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--proxy-server=127.0.0.1:9',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-component-extensions-with-background-pages',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-breakpad',
  '--no-pings',
  '--metrics-recording-only',
  '--no-default-browser-check',
  '--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,AutofillServerCommunication',
];

/**
 * Prints a report to PDF with headless Chromium (browser mode and the CLI; the desktop app can
 * use Electron's printToPDF instead). The page loads from a private temp file; the report has no
 * external reference, and Chromium runs with no network (offlineChromiumFlags).
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const chromium = findChromium();
  const dir = mkdtempSync(join(tmpdir(), 'handrail-pdf-'));
  try {
    const input = join(dir, 'report.html');
    const output = join(dir, 'report.pdf');
    writeFileSync(input, html, { mode: 0o600 });
    await run(chromium, [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      ...offlineChromiumFlags,
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${output}`,
      pathToFileURL(input).href,
    ]);
    // Chromium stopped by the timeout may still exit 0 (it handles SIGTERM): say so, not ENOENT.
    if (!existsSync(output))
      throw new PdfError(`Chromium ended without printing the report (it is given ${pdfTimeoutMs / 1000} s)`);
    return readFileSync(output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function findChromium(): string {
  const named = process.env.HANDRAIL_CHROMIUM;
  for (const candidate of named === undefined ? chromiumCandidates : [named]) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new PdfError(
    named === undefined
      ? 'PDF export needs Chromium (install the chromium package, or set HANDRAIL_CHROMIUM to its path); HTML, Markdown and JSON work without it'
      : `HANDRAIL_CHROMIUM=${named} is not an executable file`,
  );
}

function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      program,
      args,
      { timeout: pdfTimeoutMs, maxBuffer: 4 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error === null) resolve();
        else
          reject(
            new PdfError(`Chromium could not print the report: ${error.message}\n${stderr.slice(-2000)}`),
          );
      },
    );
  });
}
