import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appOrigin, isAppUrl } from '../../../electron/main/app-origin';

describe('isAppUrl (navigation guard and IPC sender check)', () => {
  it("accepts the app's pages", () => {
    for (const url of [`${appOrigin}/index.html`, `${appOrigin}/`, appOrigin, `${appOrigin}/a/b?c=d#e`])
      expect(isAppUrl(url), url).toBe(true);
  });

  it('refuses what a string prefix test lets through', () => {
    for (const url of [
      'handrail://app.evil/',
      'handrail://appx/',
      'handrail://app:8080/',
      'handrail://app.',
    ]) {
      expect(url.startsWith(appOrigin), url).toBe(true); // the old check
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it("refuses other schemes, user info, and text that is not a URL, though Node's origin of every handrail: URL is 'null'", () => {
    expect(new URL('handrail://elsewhere/').origin).toBe(new URL(`${appOrigin}/`).origin);
    for (const url of [
      'handrail://elsewhere/',
      'https://app/',
      'file:///app/index.html',
      'handrail:app',
      'handrail://evil@app/',
      'handrail://:x@app/',
      '',
      'not a url',
      'javascript:alert(1)',
    ])
      expect(isAppUrl(url), url).toBe(false);
  });

  it('accepts exactly the URLs whose parsed host is app, for generated hosts and paths', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,10}$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
        fc.webPath(),
        (labels, port, path) => {
          const host = labels.join('.');
          const url = `handrail://${host}${port === undefined ? '' : `:${port}`}${path}`;
          // Independent reading: the app is host "app" with no port.
          expect(isAppUrl(url)).toBe(host === 'app' && port === undefined);
        },
      ),
    );
  });
});
