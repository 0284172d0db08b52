import { execFileSync } from 'node:child_process';
import { _electron as electron, expect, test } from '@playwright/test';
import { repoRoot } from '../support/built-app';
import { electronBinary, electronMissingReason } from '../support/electron-runtime';
import { makeTempDir } from '../support/temp-dir';

const binary = electronBinary();

test.describe('the Electron app', () => {
  test.skip(binary === undefined, electronMissingReason);

  test('opens one secure window that sees the library through the host', async () => {
    const dir = makeTempDir('handrail-electron-');
    // The app loads its own better-sqlite3 build; start.mjs makes it, so does this.
    const prepared = execFileSync(
      process.execPath,
      [
        '-e',
        "import('./scripts/electron-native.mjs').then((m) => console.log(JSON.stringify(m.ensureElectronSqlite(require('./node_modules/electron/package.json').version))))",
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    const sqlite = JSON.parse(prepared) as { ok: boolean; path?: string; message?: string };
    expect(sqlite.ok, sqlite.message).toBe(true);
    const app = await electron.launch({
      executablePath: binary!,
      args: [repoRoot],
      env: { ...process.env, HANDRAIL_DATA_DIR: dir.path, HANDRAIL_SQLITE_BINDING: sqlite.path! },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('host-status')).toContainText('Connected to the host (app)');
      await expect(window.getByTestId('library-empty')).toBeVisible();
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(await window.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe(
        'undefined',
      );
      expect(window.url()).toBe('handrail://app/index.html');
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        const web = (
          contents as unknown as { getLastWebPreferences(): Record<string, unknown> }
        ).getLastWebPreferences();
        return {
          contextIsolation: web.contextIsolation,
          sandbox: web.sandbox,
          nodeIntegration: web.nodeIntegration,
        };
      });
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      // The preload offers sealing with the OS keychain; where there is one, a value comes back.
      const sealing = await window.evaluate(async () => {
        const secrets = (
          window as unknown as {
            handrailSecrets: {
              isAvailable(): Promise<boolean>;
              seal(text: string): Promise<string>;
              open(sealed: string): Promise<string>;
            };
          }
        ).handrailSecrets;
        const available = await secrets.isAvailable();
        if (!available) return { available, opened: null };
        return { available, opened: await secrets.open(await secrets.seal('s3cret-value')) };
      });
      expect(sealing.opened).toBe(sealing.available ? 's3cret-value' : null);
      // Reports print to PDF with main's printToPDF in a hidden offline window (an image link is
      // not fetched, and does not stop the print).
      const pdfStart = await window.evaluate(async () => {
        const printer = (window as unknown as { handrailPdf: { print(html: string): Promise<string> } })
          .handrailPdf;
        const html = '<!doctype html><title>r</title><h1>Report</h1><img src="http://127.0.0.1:9/x.png">';
        return atob(await printer.print(html)).slice(0, 5);
      });
      expect(pdfStart).toBe('%PDF-');
    } finally {
      await app.close();
      dir.remove();
    }
  });
});
