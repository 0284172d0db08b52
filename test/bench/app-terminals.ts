import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { startServe, type RunningServe } from '../support/built-app';
import { findChromium } from '../support/prerequisites';
import { makeTempDir } from '../support/temp-dir';

/** Debian's Chromium, headless, with the flags the e2e suite uses (no sandbox as root, offline). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium().path;
  if (executablePath === undefined) throw new Error('Chromium not found (apt-get install chromium)');
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The built host in browser mode with its own data folder, and the app open in a page. */
export interface AppInBrowser {
  serve: RunningServe;
  page: Page;
  dataDir: string;
  close(): Promise<void>;
}

export async function openApp(browser: Browser): Promise<AppInBrowser> {
  const dir = makeTempDir('handrail-bench-');
  const serve = await startServe(['dist/host/serve.js', '--port', '0'], { HANDRAIL_DATA_DIR: dir.path });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(serve.url);
  await page.getByTestId('library-empty').waitFor();
  return {
    serve,
    page,
    dataDir: dir.path,
    close: async () => {
      await page.close();
      await serve.stop();
      dir.remove();
    },
  };
}

interface HookTerminal {
  id: string;
  integration: string;
}

/** Opens a local terminal with the UI's button and waits for its shell integration; returns its tab index. */
export async function newLocalTerminal(page: Page): Promise<number> {
  const before = await page.getByRole('tab').count();
  await page.getByRole('button', { name: 'New local terminal' }).click();
  await page.waitForFunction(
    (count) => {
      const hook = (window as unknown as { __handrailTerminals?: { terminals(): HookTerminal[] } })
        .__handrailTerminals;
      const terminals = hook?.terminals() ?? [];
      return terminals.length > count && terminals[count]?.integration === 'active';
    },
    before,
    { timeout: 30_000 },
  );
  return before;
}

/** Shows terminal `index` and gives its screen the keyboard focus. */
export async function focusTerminal(page: Page, index: number): Promise<void> {
  await page.getByRole('tab').nth(index).click();
  await page.locator('.terminal-pane:not([hidden]) [data-testid="terminal-screen"]').click();
}

/**
 * Resolves when the visible terminal's painted rows (the DOM renderer's, so what is on screen, not
 * only parsed) satisfy `test`, checked on every animation frame.
 */
export async function waitForScreen(
  page: Page,
  test: { includes?: string; lastLineIs?: string },
  timeoutMs = 120_000,
): Promise<void> {
  await page.waitForFunction(
    ({ includes, lastLineIs }) => {
      const rows = document.querySelector('.terminal-pane:not([hidden]) .xterm-rows');
      if (rows === null) return false;
      if (includes !== undefined) return (rows.textContent ?? '').includes(includes);
      const lines = (rows.textContent === null ? [] : Array.from(rows.childNodes))
        .map((row) => (row.textContent ?? '').trimEnd())
        .filter((line) => line !== '');
      return lines.at(-1) === lastLineIs;
    },
    test,
    { polling: 'raf', timeout: timeoutMs },
  );
}
