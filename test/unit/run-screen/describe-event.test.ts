import { expect, test } from 'vitest';
import type { RunEvent } from '../../../shared/contract/index';
import { describeEvent } from '../../../renderer/src/run-screen/describe-event';

const event = (type: string, payload: unknown, stepKey: string | null = 's1'): RunEvent => ({
  seq: 1,
  at: '2025-01-01T00:00:00.000Z',
  type,
  actor: 'Ada',
  stepKey,
  payload,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});
const titles = (key: string) => (key === 's1' ? 'Back up the database' : undefined);

test('events read as sentences naming the step and what matters', () => {
  expect(describeEvent(event('step.skipped', { reason: 'done by hand' }), titles)).toBe(
    'Back up the database skipped: “done by hand”',
  );
  expect(describeEvent(event('command.finished', { exitCode: 2 }), titles)).toBe(
    'Command finished with exit code 2 (Back up the database)',
  );
  expect(describeEvent(event('gate.signed', { name: 'Grace', role: 'lead' }), titles)).toBe(
    'Back up the database signed by Grace (lead)',
  );
  expect(describeEvent(event('note.added', { text: 'all\ngood' }, null), titles)).toBe(
    'Note on the run by Ada: “all good”',
  );
});

test('unknown types and odd payloads still give a line', () => {
  expect(describeEvent(event('rolling.host', null, 'zz'), titles)).toBe('rolling.host (zz)');
  expect(describeEvent(event('step.failed', 'not an object'), titles)).toBe('Back up the database failed');
});
