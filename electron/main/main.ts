/**
 * Electron main: thin on purpose. It makes the one secure window, serves the renderer over the
 * app protocol, starts the host in a utility process and hands the window a port to it.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { appOrigin, registerAppScheme, serveAppProtocol } from './app-protocol';
import { HostProcess } from './host-process';
import { registerPdfPrinting } from './pdf-printing';
import { registerSecretStorage } from './secret-storage';
import { installSecurityHandlers } from './security';

// Bundled to dist/electron/main.js; the other bundles sit beside it.
const distDir = fileURLToPath(new URL('..', import.meta.url));
const paths = {
  renderer: join(distDir, 'renderer'),
  preload: join(distDir, 'electron', 'preload.cjs'),
  hostEntry: join(distDir, 'host', 'utility-process.js'),
  sqliteBinding:
    process.env.HANDRAIL_SQLITE_BINDING ??
    join(distDir, '..', '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node'),
};

registerAppScheme();
app.enableSandbox();

let host: HostProcess | undefined;

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Handrail',
    backgroundColor: '#14171c',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.webContents.on('did-finish-load', () => host?.connect(window.webContents));
  void window.loadURL(`${appOrigin}/index.html`);
}

app.whenReady().then(() => {
  installSecurityHandlers(appOrigin);
  registerSecretStorage(appOrigin);
  registerPdfPrinting(appOrigin);
  serveAppProtocol(paths.renderer);
  host = new HostProcess({
    entry: paths.hostEntry,
    dataDir: process.env.HANDRAIL_DATA_DIR ?? app.getPath('userData'),
    sqliteBinding: paths.sqliteBinding,
  });
  host.onExit((code) => {
    if (code !== 0)
      dialog.showErrorBox('Handrail', `The Handrail host stopped unexpectedly (exit code ${code}).`);
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  host?.stop();
  app.quit();
});
