/**
 * One desktop app per data folder: a second launch hands over to the first, whose window comes to
 * the front, and quits. Electron's lock is taken on the user-data folder, which main.ts makes the
 * data folder itself, so this is the same unit the host's own data-folder lock guards (that one
 * also stops a browser-mode host or the CLI from writing beside the app).
 */

/** What this needs of Electron's `app`. */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

/** What this needs of the window to bring forward. */
export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** True when this is the first instance; false when it has asked to quit in favour of the first. */
export function claimSingleInstance(app: InstanceApp, window: () => FocusableWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const target = window();
    if (target === undefined) return;
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
  });
  return true;
}
