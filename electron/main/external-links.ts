import { BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { linkChannels } from './link-channels';
import { openLink, type LinkQuestion } from './link-policy';
import type { TrustedSenders } from './trusted-senders';

/**
 * Links clicked in terminal output: the page cannot open windows (security.ts denies them all), so
 * it asks main, which asks the user in a dialog of its own (the page cannot draw or answer it) and
 * hands http(s) links to the system browser.
 */
export function registerExternalLinks(senders: TrustedSenders): void {
  ipcMain.handle(linkChannels.open, async (event, url: unknown) => {
    senders.check(event, 'opening links');
    const window = BrowserWindow.fromWebContents(event.sender);
    return openLink(url, {
      confirm: (question) => confirmInDialog(window, question),
      open: (href) => shell.openExternal(href),
    });
  });
}

async function confirmInDialog(window: BrowserWindow | null, question: LinkQuestion): Promise<boolean> {
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Open link',
    message: `Open a link to ${question.host} in your browser?`,
    detail: `It was printed in a terminal, so check it before you open it:\n\n${question.url}`,
  };
  const { response } = window
    ? await dialog.showMessageBox(window, options)
    : await dialog.showMessageBox(options);
  return response === 0;
}
