import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startServe } from '../support/built-app';
import { findChromium } from '../support/prerequisites';
import { makeTempDir } from '../support/temp-dir';
import { compared, measure, summarise, type Benchmark } from './harness';

/**
 * startup: browser mode from process start to the first paint of the library, against the time the
 * same Chromium takes to paint a static page from a bare Node HTTP server started the same way
 * (what any local web UI costs at least). Also the host's resident memory once the page is up.
 */
export const startupBenchmark: Benchmark = {
  name: 'startup',
  description: 'browser mode: process start → library painted; host RSS',
  async run() {
    const executablePath = findChromium().path;
    if (executablePath === undefined) throw new Error('Chromium not found (apt-get install chromium)');
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const rss: number[] = [];
      const handrail = await measure(() => startHandrail(browser, rss), { warmup: 1, runs: 5 });
      const bare = await measure(() => startBareServer(browser), { warmup: 1, runs: 5 });
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

function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}
