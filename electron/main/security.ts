import { app, session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * App-wide guards: no navigation away from the app in any frame, no new windows, no permissions
 * (camera, notifications, clipboard-read…), no webviews. Links in terminal output are opened by
 * main after asking the user (external-links.ts), never by navigation or window.open.
 */
export function installSecurityHandlers(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}

function guardContents(contents: WebContents): void {
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
