/**
 * The Content-Security-Policy of every page Handrail shows, in the app and in browser mode.
 * Nothing loads from anywhere but the app itself; no eval; no plugins; no framing. `'self'` in
 * connect-src also covers the WebSocket to the same host and port (CSP Level 3). Inline styles are
 * allowed because xterm.js's DOM renderer writes its cell styles into a <style> element; scripts
 * never are.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
