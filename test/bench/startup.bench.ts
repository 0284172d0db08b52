import { createServer } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { startServe } from '../support/built-app';
import { findChromium } from '../support/prerequisites';
import { makeTempDir } from '../support/temp-dir';
import { compared, measure, summarise, type Benchmark } from './harness';
import { residentMiB, rssWithTerminals } from './terminals-memory';

/**
 * startup: browser mode from process start to the first paint of the library, against the time the
 * same Chromium takes to paint a static page from a bare Node HTTP server started the same way
 * (what any local web UI costs at least). Also the host's resident memory once the page is up,
 * and with 4 terminals open after 100 MB of their output was recorded.
 */
const recordedBytes = 100 * 1000 * 1000;

export const startupBenchmark: Benchmark = {
  name: 'startup',
  description: 'browser mode: process start → library painted; host RSS (idle; 4 terminals, 100 MB recorded)',
  async run() {
    const executablePath = findChromium().path;
    if (executablePath === undefined) throw new Error('Chromium not found (apt-get install chromium)');
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const rss: number[] = [];
      const handrail = await measure(() => startHandrail(browser, rss), { warmup: 1, runs: 5 });
      const bare = await measure(() => startBareServer(browser), { warmup: 1, runs: 5 });
      // One run: recording 100 MB takes tens of seconds here; memory does not need a median of noise.
      const terminals = await rssWithTerminals(recordedBytes);
      return [
        compared('startup', 'start → library painted', 'ms', handrail, {
          name: 'bare static page',
          sample: bare,
        }),
        {
          benchmark: 'startup',
          name: 'host RSS, library open (no terminals yet)',
          unit: 'MiB',
          sample: summarise(rss),
        },
        compared(
          'startup',
          `host RSS, 4 terminals open, ${recordedBytes / 1e6} MB recorded`,
          'MiB',
          summarise([terminals.after]),
          { name: 'same host before opening them', sample: summarise([terminals.before]) },
          'one run',
        ),
      ];
    } finally {
      await browser.close();
    }
  },
};

async function startHandrail(browser: Browser, rss: number[]): Promise<number> {
  const dir = makeTempDir('handrail-bench-');
  const started = performance.now();
  const serve = await startServe(['dist/host/serve.js'], { HANDRAIL_DATA_DIR: dir.path });
  const page = await browser.newPage();
  await page.goto(serve.url);
  await page.getByTestId('library-empty').waitFor();
  const elapsed = performance.now() - started;
  rss.push(residentMiB(serve.child.pid!));
  await page.close();
  await serve.stop();
  dir.remove();
  return elapsed;
}

async function startBareServer(browser: Browser): Promise<number> {
  const started = performance.now();
  const server = createServer((_request, response) => response.end('<!doctype html><p id="ready">ready</p>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator('#ready').waitFor();
  const elapsed = performance.now() - started;
  await page.close();
  server.close();
  return elapsed;
}
