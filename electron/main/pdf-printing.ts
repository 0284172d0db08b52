import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, ipcMain, session } from 'electron';
import { pdfChannels } from './pdf-channels';
import type { TrustedSenders } from './trusted-senders';

/**
 * Prints a report's HTML to PDF with Electron's own printToPDF, for the app's window only. The HTML
 * loads from a private temp file into a hidden window that is sandboxed, runs no script, and sits
 * in a session of its own where every request but that file is cancelled: the report is
 * self-contained, so nothing in it can reach the network or the app.
 */

/** The contract's ceiling for a document (200 MB) would be too much to print; 50 M characters is a very long run. */
const maxHtmlChars = 50 * 1024 * 1024;
const partition = 'handrail-pdf';
const printing = new Set<string>();

export function registerPdfPrinting(senders: TrustedSenders): void {
  const printSession = session.fromPartition(partition);
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  printSession.setPermissionCheckHandler(() => false);
  printSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !printing.has(details.url) }),
  );
  ipcMain.handle(pdfChannels.print, async (event, html: unknown) => {
    senders.check(event, 'printing');
    if (typeof html !== 'string' || html.length === 0 || html.length > maxHtmlChars)
      throw new Error(`print: the report must be HTML text of 1 to ${maxHtmlChars} characters`);
    return (await printHtml(html)).toString('base64');
  });
}

async function printHtml(html: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'handrail-pdf-'));
  const file = join(dir, 'report.html');
  const url = pathToFileURL(file).href;
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      partition,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  printing.add(url);
  try {
    await writeFile(file, html, { mode: 0o600 });
    await window.loadURL(url);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    printing.delete(url);
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
