import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  terminalCss,
  terminalOutputToHtml,
  untrustedTextToHtml,
} from '../../../electron/host/report/safe-terminal-html';
import { assertSafeFragment } from '../../support/html-safety';
import { findChromium, skipReason } from '../../support/prerequisites';
import { injectionCorpus } from '../../support/injection-corpus';

/**
 * The strict checker in test/support/html-safety.ts is the test's own parser; here a real browser
 * parses the same output, with scripts enabled, and must agree: only spans, only the allowed
 * attributes, the same text, and no script ever ran.
 */

const chromiumPath = findChromium();
const reason = skipReason(chromiumPath);
if (reason !== undefined) console.warn(reason);

describe.skipIf(reason !== undefined)('safe HTML as Chromium parses it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath.path,
      args: ['--no-sandbox', '--disable-gpu'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('every corpus entry yields only allowed spans, the checker’s text, and runs nothing', async () => {
    const page = await browser.newPage();
    // The corpus's scripts would call alert(); any dialog means markup got through.
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const outputs = injectionCorpus.flatMap((entry) => [
      terminalOutputToHtml(entry.input),
      untrustedTextToHtml(entry.input),
    ]);
    const blocks = outputs.map((html, index) => `<pre class="t-out" id="o${index}">${html}</pre>`).join('');
    await page.setContent(
      `<!DOCTYPE html><html><head><style>${terminalCss}</style></head><body>${blocks}</body></html>`,
    );
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
    const seen = await page.evaluate((count) => {
      const result: { tags: string[]; attributes: string[]; text: string }[] = [];
      for (let index = 0; index < count; index++) {
        const pre = document.getElementById(`o${index}`);
        const elements = pre ? Array.from(pre.querySelectorAll('*')) : [];
        result.push({
          tags: elements.map((element) => element.tagName),
          attributes: elements.flatMap((element) => element.getAttributeNames()),
          text: pre?.textContent ?? '<missing>',
        });
      }
      return {
        result,
        scripts: document.scripts.length,
        bodyChildren: document.body.children.length,
      };
    }, outputs.length);
    expect(dialogs).toEqual([]);
    expect(seen.scripts).toBe(0);
    expect(seen.bodyChildren).toBe(outputs.length);
    seen.result.forEach((block, index) => {
      const html = outputs[index] ?? '';
      expect(new Set(block.tags), `block ${index}`).toEqual(new Set(block.tags.length ? ['SPAN'] : []));
      for (const name of block.attributes) expect(['class', 'style']).toContain(name);
      // Chromium drops one newline right after <pre>; otherwise the texts are identical.
      const expected = assertSafeFragment(html).text.replace(/^\n/, '');
      expect(block.text, `block ${index}`).toBe(expected);
    });
    await page.close();
  });
});
