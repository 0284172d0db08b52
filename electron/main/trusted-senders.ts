import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/** The parts of an IPC event that say who sent it (IpcMainInvokeEvent has them; tests build them). */
export type SenderOf = Pick<IpcMainInvokeEvent, 'senderFrame'> & {
  sender: Pick<WebContents, 'id' | 'mainFrame'>;
};

/**
 * Which frames may use main's IPC channels (the keychain, printing, opening links): the main
 * frame of a window main made for the app, while it shows an app page. A frame inside that page,
 * another window (the hidden print window, anything a future feature opens) or the app window
 * after it was somehow navigated away is refused, whatever URL it claims.
 */
export class TrustedSenders {
  private readonly windows = new Set<number>();

  /** Pins a window's contents as the app's; its id is forgotten when the contents are destroyed. */
  trust(contents: Pick<WebContents, 'id' | 'once'>): void {
    const id = contents.id;
    this.windows.add(id);
    contents.once('destroyed', () => this.windows.delete(id));
  }

  isTrusted(event: SenderOf): boolean {
    const frame = event.senderFrame;
    if (frame === null || !this.windows.has(event.sender.id)) return false;
    const main = event.sender.mainFrame;
    const isMainFrame =
      frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
    return isMainFrame && isAppUrl(frame.url);
  }

  /** Throws, naming what was asked for, unless the event comes from a trusted frame. */
  check(event: SenderOf, what: string): void {
    if (!this.isTrusted(event)) throw new Error(`${what} is only for the app’s own window`);
  }
}
