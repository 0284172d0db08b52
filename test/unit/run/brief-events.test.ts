import { expect, test } from 'vitest';
import { briefEvent, briefTextLength } from '../../../electron/host/run/brief-events';
import type { RunEvent } from '../../../shared/contract/index';

const event = (payload: unknown): RunEvent => ({
  seq: 7,
  at: '2025-01-01T00:00:00.000Z',
  type: 'command.finished',
  actor: 'Ada',
  stepKey: 's-1-1',
  payload,
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
});

test('a brief event cuts its long payload strings and keeps everything else', () => {
  const output = 'PLAY RECAP '.repeat(600);
  const brief = briefEvent(event({ index: 0, exitCode: 2, output, hosts: ['a', 'b'] }));
  const payload = brief.payload as Record<string, unknown>;
  expect(payload.output).toBe(`${output.slice(0, briefTextLength)}…`);
  expect(payload).toMatchObject({ index: 0, exitCode: 2, hosts: ['a', 'b'] });
  expect({ ...brief, payload: undefined }).toEqual({ ...event({}), payload: undefined });
});

test('an event with nothing long is the same event', () => {
  const short = event({ text: 'a short note' });
  expect(briefEvent(short)).toBe(short);
  const none = event(null);
  expect(briefEvent(none)).toBe(none);
});
