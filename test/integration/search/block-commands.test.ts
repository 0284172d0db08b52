import { afterEach, expect, test } from 'vitest';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';
import { openRunTerminal, startEngineRun, untilStep } from '../run/run-fixture';
import { searchIndexed } from '../../support/search-indexed';

let fixture: RunHostFixture;
afterEach(() => fixture.close());

test("output of a block's later command is found under its step (migration 0009)", async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const { runId: id } = await startEngineRun(fixture);
  await openRunTerminal(fixture, id);
  await client.call('runs.editCommand', {
    id,
    stepKey: 'list-dir',
    commandIndex: 0,
    text: 'echo first\necho second\necho "zebrafinch-$((6*7))"',
  });
  await client.call('runs.runStep', { id, stepKey: 'list-dir' });
  const step = await untilStep(fixture, id, 'list-dir', ['succeeded', 'failed']);
  expect(step.attempts[0]?.commands[0]?.parts).toHaveLength(3);
  const result = await searchIndexed(client, {
    text: 'zebrafinch-42',
    filters: { kinds: ['transcript'] },
  });
  const run = result.groups.find((group) => group.runId === id);
  expect(run?.steps.map((group) => group.stepKey)).toEqual(['list-dir']);
});
