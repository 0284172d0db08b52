/**
 * The app's own origin, and the one test of whether a URL belongs to it. No imports, so unit
 * tests and the preload can load it without Electron.
 */

/** The app's pages load from handrail://app/ rather than file://, so CSP 'self' means the app alone. */
export const appScheme = 'handrail';
export const appOrigin = `${appScheme}://app`;
const appProtocol = `${appScheme}:`;
const appHost = 'app';

/**
 * Whether `url` is a page of the app: scheme and host compared as parsed, never as a string
 * prefix (`'handrail://app.evil/'.startsWith('handrail://app')` is true). `new URL(url).origin`
 * cannot be used either: to Node's URL parser handrail: is not a special scheme, so every
 * handrail: URL has the opaque origin "null" and all of them would compare equal. Chromium treats
 * it as a standard scheme (app-protocol.ts registers it so), whose origin is scheme, host and port:
 * the same fields compared here. A port or different host is another origin; a page of the app
 * never carries user info, and text that is not a URL is refused.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === appProtocol &&
    parsed.host === appHost &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
