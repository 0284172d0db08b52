import { describe, expect, it } from 'vitest';
import { toAsciicastV3 } from '../../../electron/host/terminal/transcript/asciicast-v3';
import type { SessionRecord } from '../../../electron/host/terminal/transcript/transcript-store';

const session: SessionRecord = {
  id: 's1',
  kind: 'local',
  title: 'demo',
  profile: 'bash',
  cols: 80,
  rows: 24,
  startedAt: '2026-12-01T10:00:00.000Z',
  endedAt: '2026-12-01T10:00:05.000Z',
  exitCode: 0,
  complete: true,
};

function events(text: string): Array<[number, string, string]> {
  return text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line) as [number, string, string]);
}

describe('asciicast v3', () => {
  it('a resize comes before the output written at the new size, markers in time, the exit last', () => {
    const cast = toAsciicastV3(
      session,
      [
        { offset: 0, atMs: 100, data: Buffer.from('ab') },
        { offset: 2, atMs: 1500, data: Buffer.from('cd') },
      ],
      [{ offset: 2, atMs: 1200, cols: 100, rows: 30 }],
      [{ atMs: 1000, label: 'step-1: First' }],
    );
    expect(JSON.parse(cast.split('\n')[0]!)).toEqual({
      version: 3,
      term: { cols: 80, rows: 24 },
      timestamp: Date.parse(session.startedAt) / 1000,
      title: 'demo',
    });
    expect(events(cast)).toEqual([
      [0.1, 'o', 'ab'],
      [0.9, 'm', 'step-1: First'],
      [0.2, 'r', '100x30'],
      [0.3, 'o', 'cd'],
      [3.5, 'x', '0'],
    ]);
  });

  it('a character split across chunks is written whole, and no interval is negative', () => {
    const euro = Buffer.from('€');
    const cast = toAsciicastV3(
      { ...session, endedAt: null, exitCode: null },
      [
        { offset: 0, atMs: 200, data: euro.subarray(0, 1) },
        { offset: 1, atMs: 300, data: euro.subarray(1) },
      ],
      // Stamped before the marker written ahead of it: placed by offset, given interval 0.
      [{ offset: 1, atMs: 100, cols: 90, rows: 20 }],
      [{ atMs: 250, label: 'step-2: Second' }],
    );
    const written = events(cast);
    expect(written).toEqual([
      [0.25, 'm', 'step-2: Second'],
      [0, 'r', '90x20'],
      [0.05, 'o', '€'],
    ]);
    // No end was recorded: no exit event, and the intervals add up to the last event's time.
    expect(written.at(-1)![1]).not.toBe('x');
    expect(written.reduce((sum, event) => sum + Math.round(event[0] * 1000), 0)).toBe(300);
  });
});
