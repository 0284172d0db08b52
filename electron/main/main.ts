/**
 * Electron main: thin on purpose. It makes the one secure window, serves the renderer over the
 * app protocol, starts the host in a utility process and hands the window a port to it.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { appOrigin } from './app-origin';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { registerExternalLinks } from './external-links';
import { HostProcess } from './host-process';
import { registerPdfPrinting } from './pdf-printing';
import { registerSecretStorage } from './secret-storage';
import { installSecurityHandlers } from './security';
import { claimSingleInstance } from './single-instance';
import { TrustedSenders } from './trusted-senders';

// Bundled to dist/electron/main.js; the other bundles sit beside it.
const distDir = fileURLToPath(new URL('..', import.meta.url));
const paths = {
  renderer: join(distDir, 'renderer'),
  preload: join(distDir, 'electron', 'preload.cjs'),
  hostEntry: join(distDir, 'host', 'utility-process.js'),
};

registerAppScheme();
app.enableSandbox();
// The data folder is Electron's user-data folder (~/.config/Handrail), or HANDRAIL_DATA_DIR when
// set: one folder for the host's database and Chromium's profile, so the single-instance lock and
// the host's data-folder lock guard the same thing.
if (process.env.HANDRAIL_DATA_DIR) app.setPath('userData', resolve(process.env.HANDRAIL_DATA_DIR));

const senders = new TrustedSenders();
let host: HostProcess | undefined;
let mainWindow: BrowserWindow | undefined;

if (claimSingleInstance(app, () => mainWindow)) {
  app.whenReady().then(start);
  app.on('window-all-closed', () => {
    host?.stop();
    app.quit();
  });
}

function start(): void {
  installSecurityHandlers();
  registerSecretStorage(senders);
  registerPdfPrinting(senders);
  registerExternalLinks(senders);
  serveAppProtocol(paths.renderer);
  host = new HostProcess({ entry: paths.hostEntry, dataDir: app.getPath('userData') });
  host.onExit((code) => {
    if (code !== 0)
      dialog.showErrorBox('Handrail', `The Handrail host stopped unexpectedly (exit code ${code}).`);
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

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
  senders.trust(window.webContents);
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  window.webContents.on('did-finish-load', () => host?.connect(window.webContents));
  void window.loadURL(`${appOrigin}/index.html`);
}
