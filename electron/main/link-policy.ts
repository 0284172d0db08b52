/**
 * Which links from terminal output may leave the app, and the order of the steps: checked, shown
 * to the user, opened only if they agree. The link is text a remote machine printed, so it is
 * handled as hostile: only http and https go to the system browser (file:, javascript:, custom
 * schemes that start local programs… never do), and the question names the host on its own line,
 * since user info in a URL (`https://bank.example@evil.example/`) is made to mislead.
 */

/** Longer than any link worth following, short enough to show whole in a dialog. */
const maxLinkChars = 4096;

export type LinkDecision = 'opened' | 'declined';

export interface LinkQuestion {
  /** The host the browser will contact, without user info. */
  host: string;
  /** The whole URL as it will be opened. */
  url: string;
}

export interface LinkOpener {
  /** Asks the user; resolves true to open. */
  confirm(question: LinkQuestion): Promise<boolean>;
  /** Opens in the system browser (shell.openExternal in the app). */
  open(url: string): Promise<void>;
}

/** The URL to open, or an Error naming why this text may not be opened. */
export function linkTarget(text: unknown): URL | Error {
  if (typeof text !== 'string' || text.length === 0 || text.length > maxLinkChars)
    return new Error(`a link must be text of 1 to ${maxLinkChars} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return new Error('the link is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return new Error(`only http and https links open in the browser, not ${url.protocol}`);
  return url;
}

export async function openLink(text: unknown, opener: LinkOpener): Promise<LinkDecision> {
  const url = linkTarget(text);
  if (url instanceof Error) throw url;
  if (!(await opener.confirm({ host: url.host, url: url.href }))) return 'declined';
  await opener.open(url.href);
  return 'opened';
}
