import { join } from 'node:path';
import { flowControl } from '../../electron/host/terminal/flow-control';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/host/store/database';
import { prepareControlDir } from '../../electron/host/terminal/ssh/control-dir';
import { TranscriptStore } from '../../electron/host/terminal/transcript/transcript-store';
import { makeTempDir } from '../support/temp-dir';
import { reportCounters } from './counters';
import {
  runFlood,
  runPausedExit,
  runShortCommands,
  sum,
  writePatternFile,
  type TailContext,
} from './transcript-tail-driver';

/** A fixed seed, printed, so a failing run can be repeated. */
const seed = 20261122;

/** Sizes from 1 byte to 200 kB (above the 100,000-character flow-control mark), seeded. */
function commandSizes(count: number): number[] {
  let state = seed;
  const random = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, () => 1 + Math.floor(random() ** 3 * 200_000));
}

/**
 * Issue 8, transcript tail: 1,000 programs that print a known number of bytes and exit at once,
 * and one 100 MB flood; every byte they wrote must be in the stored transcript. The 1,000 run as
 * their own sessions, eight at a time (one at a time costs a pty start each, ~1 min here); every
 * other one is acknowledged 50 ms late, as a busy renderer does, so the pty is paused by flow
 * control when larger programs exit. One more program exits while its session is paused.
 */
describe('transcript tail', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: Database;
  let context: TailContext;
  let pattern: ReturnType<typeof writePatternFile>;

  beforeAll(() => {
    dir = makeTempDir('handrail-tail-');
    db = openDatabase(join(dir.path, 'handrail.db'));
    context = { store: new TranscriptStore(db), dir: dir.path, controlDir: prepareControlDir(dir.path) };
    // Longer than the output that pauses a session (runPausedExit cuts it from this).
    pattern = writePatternFile(dir.path, 2 * flowControl.highWatermarkChars);
  });
  afterAll(async () => {
    await context.store.indexer.close();
    db.close();
    dir.remove();
  });

  it('loses no byte of 1,000 short programs and a 100 MB flood', async () => {
    const short = await runShortCommands(context, pattern, commandSizes(1000), {
      parallel: 8,
      ackDelayMs: (index) => (index % 2 === 0 ? 0 : 50),
    });
    const flood = await runFlood(context, 100 * 1024 * 1024, { ackDelayMs: 0 });
    const pausedExit = await runPausedExit(context, pattern, {});
    const total = sum(short, flood, pausedExit);
    reportCounters('transcript-tail', { seed, ...total });
    expect(total).toMatchObject({ commands: 1002, bytesLost: 0, corrupted: 0 });
  });

  it('counts lost bytes when the pty tail is not drained (the counter can fail)', async () => {
    // Without the wrapper node-pty drops what is still in the pty 200 ms after the program exits,
    // and the session is paused by flow control at that moment.
    // The race is wide (the exit comes ~1.5 s before the acknowledgements) but a loaded machine
    // can still delay the session's pause: up to three attempts.
    let faulty = await runPausedExit(context, pattern, { drainTail: false });
    for (let attempt = 1; attempt < 3 && faulty.bytesLost === 0; attempt++)
      faulty = await runPausedExit(context, pattern, { drainTail: false });
    reportCounters('transcript-tail (fault injected: no drain)', { ...faulty });
    expect(faulty.bytesLost).toBeGreaterThan(0);
  });
});
