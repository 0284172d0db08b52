import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { appOrigin } from '../../../electron/main/app-origin';
import { TrustedSenders, type SenderOf } from '../../../electron/main/trusted-senders';

/** Shaped like Electron's WebContents and WebFrameMain, with only what the check reads. */
function windowContents(id: number) {
  const contents = Object.assign(new EventEmitter(), {
    id,
    mainFrame: { processId: 7, routingId: id, parent: null, url: `${appOrigin}/index.html` },
  });
  return contents;
}

function eventFrom(
  contents: ReturnType<typeof windowContents>,
  frame: Partial<SenderOf['senderFrame']> | null,
): SenderOf {
  return {
    sender: contents as unknown as SenderOf['sender'],
    senderFrame: frame === null ? null : ({ ...contents.mainFrame, ...frame } as SenderOf['senderFrame']),
  };
}

describe('TrustedSenders (IPC sender check)', () => {
  it('trusts the main frame of a window main pinned, while it shows an app page', () => {
    const senders = new TrustedSenders();
    const window = windowContents(1);
    senders.trust(window as never);
    expect(senders.isTrusted(eventFrom(window, {}))).toBe(true);
    expect(() => senders.check(eventFrom(window, {}), 'printing')).not.toThrow();
  });

  it('refuses a frame inside the page, even one showing an app URL', () => {
    const senders = new TrustedSenders();
    const window = windowContents(1);
    senders.trust(window as never);
    const child = { routingId: 99, parent: window.mainFrame } as never;
    expect(senders.isTrusted(eventFrom(window, child))).toBe(false);
    expect(() => senders.check(eventFrom(window, child), 'the keychain')).toThrow(
      /the keychain is only for the app’s own window/,
    );
  });

  it('refuses the pinned window once it shows another origin, and windows it never pinned', () => {
    const senders = new TrustedSenders();
    const window = windowContents(1);
    senders.trust(window as never);
    expect(senders.isTrusted(eventFrom(window, { url: 'handrail://app.evil/index.html' }))).toBe(false);
    expect(senders.isTrusted(eventFrom(window, { url: 'https://example.org/' }))).toBe(false);
    expect(senders.isTrusted(eventFrom(window, null))).toBe(false);
    const other = windowContents(2); // e.g. the hidden print window, on an app URL all the same
    expect(senders.isTrusted(eventFrom(other, {}))).toBe(false);
  });

  it('forgets a window when its contents are destroyed', () => {
    const senders = new TrustedSenders();
    const window = windowContents(1);
    senders.trust(window as never);
    window.emit('destroyed');
    expect(senders.isTrusted(eventFrom(window, {}))).toBe(false);
  });
});
