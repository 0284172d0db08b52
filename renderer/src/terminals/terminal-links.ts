/**
 * Opening a link clicked in terminal output. In the desktop app the page may not open windows, so
 * it hands the link to main through the preload's `handrailLinks`; main asks the user in its own
 * dialog and opens only http(s) links, in the system browser. Browser mode asks here and opens a
 * tab with no opener.
 */
interface ExternalLinks {
  open(url: string): Promise<'opened' | 'declined'>;
}

export function openTerminalLink(uri: string, confirmInPage: (uri: string) => boolean): void {
  const links = (window as unknown as { handrailLinks?: ExternalLinks }).handrailLinks;
  if (links !== undefined) {
    links.open(uri).catch((failure: unknown) => console.warn(`The link was not opened: ${String(failure)}`));
    return;
  }
  if (confirmInPage(uri)) window.open(uri, '_blank', 'noopener,noreferrer');
}
