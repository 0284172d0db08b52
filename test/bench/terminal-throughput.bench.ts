import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node-pty';
import { asPtyOutput } from '../support/pty-output';
import { makeTempDir } from '../support/temp-dir';
import { focusTerminal, launchChromium, newLocalTerminal, openApp, waitForScreen } from './app-terminals';
import { serveBareXterm } from './bare-xterm';
import { serveMinimalPipeline } from './minimal-pipeline';
import { compared, summarise, type Benchmark, type Sample } from './harness';
import { writeMixedText } from './mixed-text';

const payloadBytes = 50 * 1000 * 1000;
const warmupBytes = 5 * 1000 * 1000;
/**
 * Three runs, not five: one 50 MB run through the whole path takes tens of seconds on the
 * 2-core machine here, and the whole `npm run bench` must stay under 10 minutes.
 */
const runs = 3;

/**
 * terminal-throughput: `cat` of 50 MB of mixed text (ASCII, UTF-8 multibyte, SGR colours, long
 * and short lines) through the whole path (pty → host with recording on → WebSocket → xterm.js
 * in headless Chromium, the app in browser mode) until its last line is painted, against the
 * minimal streamed pipeline (pty → Node → WebSocket → xterm.js, no Handrail code: issue 17's P1
 * baseline), against xterm.js alone in the same Chromium fed the same bytes, and against the raw
 * pty read rate (node-pty in Node, no host). MB/s (10^6 bytes of the file per second).
 */
export const terminalThroughputBenchmark: Benchmark = {
  name: 'terminal-throughput',
  description: `${payloadBytes / 1e6} MB of mixed text: app end to end vs xterm.js alone vs raw pty (${runs} runs)`,
  async run() {
    const dir = makeTempDir('handrail-throughput-');
    const payload = join(dir.path, 'mixed.txt');
    const warmup = join(dir.path, 'warmup.txt');
    const bytes = writeMixedText(payload, payloadBytes);
    writeMixedText(warmup, warmupBytes);
    const browser = await launchChromium();
    try {
      const endToEnd = await appRate(browser, payload, warmup, bytes.length);
      const alone = await xtermAloneRate(browser, bytes, endToEnd.size);
      const minimal = await minimalPipelineRate(browser, { payload, warmup }, bytes, endToEnd.size);
      const raw = await rawPtyRate(payload, warmup, asPtyOutput(bytes).length, bytes.length);
      const note = `${(bytes.length / 1e6).toFixed(0)} MB, ${runs} runs after a 5 MB warm-up`;
      return [
        compared(
          'terminal-throughput',
          'end to end (app, recording on)',
          'MB/s',
          endToEnd.sample,
          { name: 'minimal streamed pipeline (pty → Node → WebSocket → xterm.js)', sample: minimal },
          `${note}; P1 bar ≥ 0.9×`,
        ),
        compared(
          'terminal-throughput',
          'end to end (app, recording on)',
          'MB/s',
          endToEnd.sample,
          { name: 'xterm.js alone', sample: alone },
          note,
        ),
        compared(
          'terminal-throughput',
          'minimal streamed pipeline',
          'MB/s',
          minimal,
          { name: 'xterm.js alone', sample: alone },
          'what a streamed source reaches of the in-memory limit here',
        ),
        compared(
          'terminal-throughput',
          'end to end (app, recording on)',
          'MB/s',
          endToEnd.sample,
          { name: 'raw pty read (node-pty)', sample: raw },
          note,
        ),
      ];
    } finally {
      await browser.close();
      dir.remove();
    }
  },
};

async function appRate(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  payload: string,
  warmup: string,
  bytes: number,
): Promise<{ sample: Sample; size: { width: number; height: number } }> {
  const app = await openApp(browser);
  try {
    const index = await newLocalTerminal(app.page);
    await focusTerminal(app.page, index);
    const once = async (file: string, round: number): Promise<number> => {
      // The marker is assembled by printf, so the typed command line never contains it.
      await app.page.keyboard.type(`cat ${file}; printf 'BENCH-%s-%d\\n' END ${round}`);
      const started = performance.now();
      await app.page.keyboard.press('Enter');
      await waitForScreen(app.page, { includes: `BENCH-END-${round}` }, 600_000);
      return performance.now() - started;
    };
    await once(warmup, 0);
    const rates: number[] = [];
    for (let round = 1; round <= runs; round++)
      rates.push(bytes / 1e6 / ((await once(payload, round)) / 1000));
    const box = await app.page
      .locator('.terminal-pane:not([hidden]) [data-testid="terminal-screen"]')
      .boundingBox();
    return {
      sample: summarise(rates),
      size: { width: Math.floor(box?.width ?? 800), height: Math.floor(box?.height ?? 400) },
    };
  } finally {
    await app.close();
  }
}

/** The same bytes as the pty delivers them (\n → \r\n), written straight into xterm.js. */
async function xtermAloneRate(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  bytes: Buffer,
  size: { width: number; height: number },
): Promise<Sample> {
  let data = asPtyOutput(bytes.subarray(0, warmupBytes));
  const server = await serveBareXterm(() => data);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(server.url(size.width, size.height));
    const feed = async (): Promise<number> => {
      await page.evaluate(() => (window as unknown as { bench: { load(): Promise<number> } }).bench.load());
      return page.evaluate(() => (window as unknown as { bench: { feed(): Promise<number> } }).bench.feed());
    };
    await feed();
    data = asPtyOutput(bytes);
    const rates: number[] = [];
    for (let round = 0; round < runs; round++) rates.push(bytes.length / 1e6 / ((await feed()) / 1000));
    return summarise(rates);
  } finally {
    await page.close();
    await server.close();
  }
}

/**
 * The minimal streamed pipeline (minimal-pipeline.ts) in the same Chromium at the app's terminal
 * size, timed in the page: the file through a pty, Node and a WebSocket into xterm.js.
 */
async function minimalPipelineRate(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  files: { payload: string; warmup: string },
  bytes: Buffer,
  size: { width: number; height: number },
): Promise<Sample> {
  let file = files.warmup;
  const expected = new Map([
    [files.warmup, asPtyOutputLength(files.warmup)],
    [files.payload, asPtyOutput(bytes).length],
  ]);
  const server = await serveMinimalPipeline(
    () => file,
    () => expected.get(file) ?? 0,
  );
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(server.url(size.width, size.height));
    const run = () =>
      page.evaluate(() => (window as unknown as { bench: { run(): Promise<number> } }).bench.run());
    await run();
    file = files.payload;
    const rates: number[] = [];
    for (let round = 0; round < runs; round++) rates.push(bytes.length / 1e6 / ((await run()) / 1000));
    return summarise(rates);
  } finally {
    await page.close();
    await server.close();
  }
}

/**
 * node-pty running `cat` in Node: the time until every byte the pty delivers has been read. The
 * shell then waits instead of exiting, because node-pty drops what is unread 200 ms after the
 * child exits (see electron/host/terminal/pty-process.ts).
 */
async function rawPtyRate(
  payload: string,
  warmup: string,
  ptyBytes: number,
  fileBytes: number,
): Promise<Sample> {
  const once = (file: string, expected: number): Promise<number> =>
    new Promise((resolve) => {
      const started = performance.now();
      let read = 0;
      const pty = spawn('/bin/sh', ['-c', 'cat "$0"; exec sleep 3600', file], {
        cols: 120,
        rows: 30,
        encoding: null,
      });
      pty.onData((data) => {
        read += (data as unknown as Buffer).length;
        if (read < expected) return;
        resolve(performance.now() - started);
        pty.kill();
      });
    });
  await once(warmup, asPtyOutputLength(warmup));
  const rates: number[] = [];
  for (let round = 0; round < runs; round++)
    rates.push(fileBytes / 1e6 / ((await once(payload, ptyBytes)) / 1000));
  return summarise(rates);
}

function asPtyOutputLength(file: string): number {
  return asPtyOutput(readFileSync(file)).length;
}
