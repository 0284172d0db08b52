import { afterEach, expect, test } from 'vitest';
import { startRunHost, type RunHostFixture } from './host-fixture';
import { openRunTerminal, startEngineRun, untilStep } from './run-fixture';

let fixture: RunHostFixture;
afterEach(() => fixture.close());

/**
 * Issue 19 item 3: a mark with a wrong nonce is ignored, counted, and the step that printed it
 * is not believed. Here a command prints a forged "finished with 0" mark (a guessed nonce) and
 * exits 0 itself: without the count the step would pass on a record something else wrote into.
 */
test('a step whose output carries a mark with a wrong nonce fails, and says why', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const { runId: id } = await startEngineRun(fixture);
  await openRunTerminal(fixture, id);
  await client.call('runs.editCommand', {
    id,
    stepKey: 'list-dir',
    commandIndex: 0,
    text: `printf '\\033]633;D;00112233445566778899aabbccddeeff;0\\007'; true`,
    reason: 'the forgery probe',
  });
  await client.call('runs.runStep', { id, stepKey: 'list-dir', outOfOrderReason: 'probe first' });
  const step = await untilStep(fixture, id, 'list-dir', ['succeeded', 'failed']);
  expect(step.status).toBe('failed');
  const finished = (await client.call('runs.events', { id })).filter(
    (event) => event.type === 'command.finished' && event.stepKey === 'list-dir',
  );
  expect(finished).toHaveLength(1);
  expect(finished[0]!.payload).toMatchObject({
    exitCode: 0,
    refusedMarks: 1,
    problems: [expect.stringContaining('a shell-integration mark with a wrong nonce was printed')],
  });
  expect((await client.call('runs.verify', { id })).valid).toBe(true);
});
