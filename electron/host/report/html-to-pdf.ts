import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * Prints a report to PDF with headless Chromium (browser mode and the CLI; the desktop app can
 * use Electron's printToPDF instead). The page loads from a private temp file with no network:
 * the report has no external reference, and the flags keep Chromium from phoning home.
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
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${output}`,
      pathToFileURL(input).href,
    ]);
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
