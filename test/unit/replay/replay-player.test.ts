import { expect, test } from 'vitest';
import {
  countUpTo,
  ReplayPlayer,
  type ReplayBytes,
  type ReplaySink,
} from '../../../renderer/src/replay/replay-player';

const encoder = new TextEncoder();
const chunks: ReplayBytes[] = [
  { atMs: 0, data: encoder.encode('a') },
  { atMs: 1000, data: encoder.encode('b') },
  { atMs: 1000, data: encoder.encode('c') },
  { atMs: 5000, data: encoder.encode('d') },
  { atMs: 16_000, data: encoder.encode('e') },
];

/** A sink that keeps what a terminal would show: everything written since the last reset. */
function recorder(): ReplaySink & { screen: string; resets: number } {
  const decoder = new TextDecoder();
  const sink = {
    screen: '',
    resets: 0,
    write: (data: Uint8Array) => {
      sink.screen += decoder.decode(data);
    },
    resize: (cols: number, rows: number) => {
      sink.screen += `[${cols}x${rows}]`;
    },
    reset: () => {
      sink.screen = '';
      sink.resets += 1;
    },
  };
  return sink;
}

test('countUpTo counts chunks at or before a moment', () => {
  expect([-1, 0, 999, 1000, 4999, 5000, 20_000].map((ms) => countUpTo(chunks, ms))).toEqual([
    0, 1, 1, 3, 3, 4, 5,
  ]);
});

test('playing at 1×, 4× and 16× writes what the clock has reached', () => {
  const sink = recorder();
  const player = new ReplayPlayer(chunks, sink);
  player.play(100);
  player.tick(1100); // 1 s at 1×
  expect(sink.screen).toBe('abc');
  player.setSpeed(4, 1100);
  player.tick(2100); // +4 s → 5 s
  expect(sink.screen).toBe('abcd');
  expect(player.position).toBe(5000);
  player.setSpeed(16, 2100);
  player.tick(2600); // +8 s → 13 s
  expect(sink.screen).toBe('abcd');
  player.tick(3100); // +8 s → end (16 s), then it stops
  expect(sink.screen).toBe('abcde');
  expect(player.playing).toBe(false);
  expect(player.position).toBe(player.duration);
  expect(sink.resets).toBe(0);
});

test('jumping forward writes only what is new; jumping back rebuilds the screen from the start', () => {
  const sink = recorder();
  const player = new ReplayPlayer(chunks, sink);
  player.seek(1000);
  expect(sink.screen).toBe('abc');
  player.seek(5000);
  expect(sink.screen).toBe('abcd');
  expect(sink.resets).toBe(0);
  player.seek(999);
  expect(sink.screen).toBe('a');
  expect(sink.resets).toBe(1);
  player.seek(-50);
  expect(player.position).toBe(0);
  expect(sink.screen).toBe('a');
});

test('a paused player ignores ticks; play at the end starts over', () => {
  const sink = recorder();
  const player = new ReplayPlayer(chunks, sink);
  player.tick(10_000);
  expect(sink.screen).toBe('');
  player.seek(16_000);
  player.play(0);
  expect(player.position).toBe(0);
  expect(sink.screen).toBe('a');
});

test('a resize is applied between the chunks around it, also after a seek back', () => {
  const sink = recorder();
  const sized: ReplayBytes[] = [
    { atMs: 0, data: encoder.encode('a') },
    { atMs: 10, data: encoder.encode('b'), size: { cols: 90, rows: 30 } },
    { atMs: 20, data: encoder.encode('c') },
  ];
  const player = new ReplayPlayer(sized, sink);
  player.seek(20);
  expect(sink.screen).toBe('a[90x30]bc');
  player.seek(5);
  player.seek(20);
  expect(sink.screen).toBe('a[90x30]bc');
});
