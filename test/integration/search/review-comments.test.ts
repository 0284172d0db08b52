import { afterEach, expect, test } from 'vitest';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';
import { startEngineRun } from '../run/run-fixture';

let fixture: RunHostFixture | undefined;
afterEach(() => fixture?.close());

test('a mentor comment is found by search, under its run, as a comment with its author', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const { runId } = await startEngineRun(fixture);
  await client.call('reviews.addComment', {
    runId,
    stepKey: null,
    author: 'Mentor Mia',
    text: 'the quorum wobbled before the second restart',
  });
  const result = await client.call('search.query', { text: 'quorum wobbled' });
  const hits = result.groups
    .filter((group) => group.runId === runId)
    .flatMap((group) => group.steps.flatMap((step) => step.hits));
  expect(hits.map((hit) => [hit.kind, hit.author, hit.exact])).toEqual([['comment', 'Mentor Mia', true]]);
});
