import type { Page } from 'playwright-core';
import { focusTerminal, launchChromium, newLocalTerminal, openApp, waitForScreen } from './app-terminals';
import { compared, summarise, type Benchmark, type Figure, type Sample } from './harness';

const keystrokes = 100;
const interrupts = 5;
const prompt = 'bench$';
const letters = 'abcdefghijklmnopqrstuvwxyz';

/**
 * echo-latency, in browser mode in headless Chromium: keystroke → echo painted in one terminal
 * (the DOM row shows it) while `yes` floods another terminal of the same page, p50/p95/p99,
 * against the same keystrokes with no flood; and Ctrl-C → flood stopped (the prompt painted after
 * the last line of the flood) against Ctrl-C → prompt for a `sleep` that prints nothing once started. Times
 * are taken in the test process, so both sides include the same DevTools-protocol round trip.
 */
export const echoLatencyBenchmark: Benchmark = {
  name: 'echo-latency',
  description: `keystroke → echo with a yes flood in another terminal (${keystrokes} keys); Ctrl-C → flood stopped`,
  async run() {
    const browser = await launchChromium();
    const app = await openApp(browser);
    try {
      const page = app.page;
      const flood = await newLocalTerminal(page);
      const typing = await newLocalTerminal(page);
      for (const index of [flood, typing]) {
        await focusTerminal(page, index);
        await page.keyboard.type(`PS1='${prompt} '`);
        await page.keyboard.press('Enter');
        await waitForScreen(page, { lastLineIs: prompt });
      }
      await focusTerminal(page, typing);
      const quiet = await echoTimes(page);
      progress(`${keystrokes} keystrokes without a flood`);
      await focusTerminal(page, flood);
      await startFlood(page);
      await focusTerminal(page, typing);
      const flooded = await echoTimes(page);
      progress(`${keystrokes} keystrokes during the flood`);
      await focusTerminal(page, flood);
      const stopFlood: number[] = [];
      for (let round = 0; round < interrupts; round++) {
        if (round > 0) await startFlood(page);
        stopFlood.push(await interrupt(page));
      }
      progress(`${interrupts} floods interrupted`);
      const stopSleep: number[] = [];
      for (let round = 0; round < interrupts; round++) {
        // Wait for the program's own word, not the echoed command line: a Ctrl-C that lands while
        // the shell is still starting the command is lost, and the prompt would never come back.
        await page.keyboard.type(`sh -c 'echo sleeping; exec sleep 1000'`);
        await page.keyboard.press('Enter');
        await waitForScreen(page, { lastLineIs: 'sleeping' });
        stopSleep.push(await interrupt(page));
      }
      const figures: Figure[] = [50, 95, 99].map((p) =>
        compared(
          'echo-latency',
          `keystroke → echo painted, p${p} (yes flood in another terminal)`,
          'ms',
          percentileSample(flooded, p),
          { name: `no flood, p${p}`, sample: percentileSample(quiet, p) },
        ),
      );
      figures.push(
        compared('echo-latency', 'Ctrl-C → yes flood stopped (prompt painted)', 'ms', summarise(stopFlood), {
          name: 'Ctrl-C → prompt after a silent sleep',
          sample: summarise(stopSleep),
        }),
      );
      return figures;
    } finally {
      await app.close();
      await browser.close();
    }
  },
};

function progress(what: string): void {
  console.log(`  echo-latency: ${what}`);
}

/** Types `keystrokes` letters one at a time, timing each until its echo is painted. */
async function echoTimes(page: Page): Promise<number[]> {
  const times: number[] = [];
  let line = '';
  await clearLine(page);
  for (let index = 0; index < keystrokes; index++) {
    const letter = letters[index % letters.length]!;
    const started = performance.now();
    await page.keyboard.press(letter);
    line += letter;
    await waitForScreen(page, { includes: `${prompt} ${line}` });
    times.push(performance.now() - started);
    if (line.length === letters.length) {
      await clearLine(page);
      line = '';
    }
  }
  await clearLine(page);
  return times;
}

/** Ctrl-U clears the line, so the next letters start on an empty prompt again. */
async function clearLine(page: Page): Promise<void> {
  await page.keyboard.press('Control+U');
  await waitForScreen(page, { lastLineIs: prompt }, 60_000);
}

async function startFlood(page: Page): Promise<void> {
  await page.keyboard.type('yes handrail-flood');
  await page.keyboard.press('Enter');
  await waitForScreen(page, { lastLineIs: 'handrail-flood' });
}

/** Ctrl-C, then the time until the shell's prompt is the last line painted. */
async function interrupt(page: Page): Promise<number> {
  const started = performance.now();
  await page.keyboard.press('Control+C');
  await waitForScreen(page, { lastLineIs: prompt });
  return performance.now() - started;
}

/** The p-th percentile (nearest rank) as the figure, with the min and max of all samples. */
function percentileSample(values: number[], p: number): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return { median: sorted[rank - 1]!, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length };
}
