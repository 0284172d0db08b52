/**
 * Browser mode's access token, as the page keeps it. Handrail prints a URL carrying it
 * (`?token=…`); on load the page moves it into sessionStorage and takes it out of the address
 * bar, so it is in neither the history nor a copied link. sessionStorage belongs to this origin
 * (port included) and this tab, and lasts across reloads; unlike a cookie, the browser never
 * sends it anywhere: the page offers it in the WebSocket handshake itself.
 */
const storageKey = 'handrail.accessToken';

export function takeAccessToken(): string | undefined {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    window.sessionStorage.setItem(storageKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return window.sessionStorage.getItem(storageKey) ?? undefined;
}
