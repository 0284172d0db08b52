import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowControl } from '../../electron/host/terminal/flow-control';
import type { TranscriptStore } from '../../electron/host/terminal/transcript/transcript-store';
import { asPtyOutput } from '../support/pty-output';
import { CountingSink, startSession } from '../support/session-runner';

export interface TailCounters {
  commands: number;
  bytesExpected: number;
  bytesLost: number;
  /** Sessions whose stored transcript differs from what the program wrote (not just shorter). */
  corrupted: number;
}

export interface TailContext {
  store: TranscriptStore;
  dir: string;
  controlDir: string;
}

/** A deterministic file of mixed lines (ASCII, UTF-8 multibyte, colours) to cut commands from. */
export function writePatternFile(dir: string, bytes: number): { path: string; data: Buffer } {
  const words = [
    'ok',
    'PLAY [controllers]',
    'Größe',
    '✓ done',
    '\x1b[32mchanged\x1b[0m',
    'ünïcødé',
    '日本語',
  ];
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const line = `${index} ${words[index % words.length]!.repeat(1 + (index % 13))}\n`;
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  const data = Buffer.from(lines.join('')).subarray(0, bytes);
  const path = join(dir, 'pattern.txt');
  writeFileSync(path, data);
  return { path, data };
}

/**
 * Runs each command `head -c N pattern` as its own session (the program exits as soon as it has
 * written, which is when a pty's tail is at risk), `parallel` at a time, and compares each stored
 * transcript with the bytes the program wrote.
 */
export async function runShortCommands(
  context: TailContext,
  pattern: { path: string; data: Buffer },
  sizes: number[],
  options: { parallel: number; ackDelayMs: (index: number) => number; drainTail?: boolean },
): Promise<TailCounters> {
  const counters: TailCounters = { commands: 0, bytesExpected: 0, bytesLost: 0, corrupted: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sizes.length) {
      const index = next++;
      const size = sizes[index]!;
      const sink = new CountingSink(options.ackDelayMs(index));
      const session = startSession({
        ...context,
        sink,
        target: { kind: 'local', shell: '/usr/bin/head', args: ['-c', String(size), pattern.path] },
        spec: options.drainTail === false ? { drainTail: false } : {},
      });
      await sink.ended();
      session.close();
      const expected = asPtyOutput(pattern.data.subarray(0, size));
      count(
        counters,
        expected.length,
        context.store.readRange(session.id, 0, Number.MAX_SAFE_INTEGER),
        (stored) => stored.equals(expected.subarray(0, stored.length)),
      );
    }
  };
  await Promise.all(Array.from({ length: options.parallel }, worker));
  return counters;
}

const floodUnit = '0123456789abcdefghij\n';

/** One session printing `bytes` bytes of `yes` output through `head`, as fast as the pty goes. */
export async function runFlood(
  context: TailContext,
  bytes: number,
  options: { ackDelayMs: number; drainTail?: boolean },
): Promise<TailCounters> {
  const sink = new CountingSink(options.ackDelayMs);
  const session = startSession({
    ...context,
    sink,
    // Through env so the session does not take `sh` for an interactive shell to integrate with.
    target: {
      kind: 'local',
      shell: '/usr/bin/env',
      args: ['sh', '-c', `yes ${floodUnit.trimEnd()} | head -c ${bytes}`],
    },
    spec: options.drainTail === false ? { drainTail: false } : {},
  });
  await sink.ended(600_000);
  session.close();
  const unit = Buffer.from(floodUnit.replace('\n', '\r\n'));
  const full = Math.floor(bytes / floodUnit.length);
  const expectedLength = full * unit.length + (bytes % floodUnit.length);
  const counters: TailCounters = { commands: 0, bytesExpected: 0, bytesLost: 0, corrupted: 0 };
  count(counters, expectedLength, context.store.readRange(session.id, 0, Number.MAX_SAFE_INTEGER), (stored) =>
    stored.every((byte, position) => byte === unit[position % unit.length]),
  );
  return counters;
}

function count(
  counters: TailCounters,
  expectedLength: number,
  stored: Buffer,
  isPrefixOfExpected: (stored: Buffer) => boolean,
): void {
  counters.commands++;
  counters.bytesExpected += expectedLength;
  counters.bytesLost += Math.max(0, expectedLength - stored.length);
  if (stored.length > expectedLength || !isPrefixOfExpected(stored)) counters.corrupted++;
}

/**
 * Bytes of the pattern that pause the session and then fit in the pty while it is paused: their
 * text (as the pty gives it, LF as CRLF) is 16,000 characters past flow control's high
 * watermark, so the host pauses and the rest, the 2 kB tail included, waits in the kernel's pty
 * buffer while the program exits. Counted in characters, as flow control counts.
 */
function pausingLength(data: Buffer): number {
  const wanted = flowControl.highWatermarkChars + 16_000;
  let low = 0;
  let high = data.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (asPtyOutput(data.subarray(0, middle)).toString('utf8').length < wanted) low = middle + 1;
    else high = middle;
  }
  if (low >= data.length) throw new Error('the pattern is too short to pause a session');
  return low;
}

/**
 * A program that prints `pausingLength` bytes (so flow control pauses the session: more than its
 * high watermark of characters unacknowledged), waits a moment and writes its last 2 kB into the pty while the session is
 * paused, then exits. With acknowledgements two seconds late, the tail is still in the pty when
 * node-pty gives up on it 200 ms after the exit, unless something drains it.
 */
export async function runPausedExit(
  context: TailContext,
  pattern: { path: string; data: Buffer },
  options: { drainTail?: boolean },
): Promise<TailCounters> {
  const sink = new CountingSink(2000);
  const pausingBytes = pausingLength(pattern.data);
  const session = startSession({
    ...context,
    sink,
    target: {
      kind: 'local',
      shell: '/usr/bin/env',
      args: ['sh', '-c', `head -c ${pausingBytes} "$0"; sleep 0.5; head -c 2000 "$0"`, pattern.path],
    },
    spec: options.drainTail === false ? { drainTail: false } : {},
  });
  await sink.ended();
  session.close();
  const expected = asPtyOutput(
    Buffer.concat([pattern.data.subarray(0, pausingBytes), pattern.data.subarray(0, 2000)]),
  );
  const counters: TailCounters = { commands: 0, bytesExpected: 0, bytesLost: 0, corrupted: 0 };
  count(
    counters,
    expected.length,
    context.store.readRange(session.id, 0, Number.MAX_SAFE_INTEGER),
    (stored) => stored.equals(expected.subarray(0, stored.length)),
  );
  return counters;
}

/** Adds up counters of several runs. */
export function sum(...all: TailCounters[]): TailCounters {
  return all.reduce(
    (total, one) => ({
      commands: total.commands + one.commands,
      bytesExpected: total.bytesExpected + one.bytesExpected,
      bytesLost: total.bytesLost + one.bytesLost,
      corrupted: total.corrupted + one.corrupted,
    }),
    { commands: 0, bytesExpected: 0, bytesLost: 0, corrupted: 0 },
  );
}
