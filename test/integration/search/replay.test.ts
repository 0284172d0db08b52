import { afterEach, expect, test } from 'vitest';
import { startRunHost, waitFor, type RunHostFixture } from '../run/host-fixture';
import { openRunTerminal, startEngineRun, untilStep } from '../run/run-fixture';
import { searchIndexed } from '../../support/search-indexed';

let fixture: RunHostFixture;
afterEach(() => fixture?.close());

test('a real run: search finds its printed output under the step, and replay pages and places it', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  // sh, not bash: a user's bashrc can take seconds (pyenv here); sh reads only its $ENV.
  const run = await startEngineRun(fixture, {
    environment: { controlHost: { kind: 'local', shell: '/bin/sh' } },
  });
  const terminalId = await openRunTerminal(fixture, run.runId);
  // The prompt is stored before the command runs, so the command's output starts a chunk of its
  // own and the transcript has more than one page (output within 10 ms of the prompt would merge).
  await waitFor(
    async () => (await client.call('replay.chunks', { sessionId: terminalId, limit: 1 })).chunks.length > 0,
    'the prompt in the transcript',
  );
  await client.call('runs.runStep', { id: run.runId, stepKey: 'check-release' });
  await untilStep(fixture, run.runId, 'check-release', ['succeeded']);
  await client.call('runs.addNote', { id: run.runId, stepKey: null, text: 'release looked ready to me' });

  // Search: the command's output, under its step, with the session and moment to replay.
  const found = await searchIndexed(client, {
    text: 'release 2024.1 ready',
    filters: { kinds: ['transcript'] },
  });
  expect(found.groups).toHaveLength(1);
  const stepGroup = found.groups[0]?.steps.find((step) => step.stepKey === 'check-release');
  const hit = stepGroup?.hits.find((candidate) => candidate.exact);
  expect(hit).toMatchObject({ kind: 'transcript', sessionId: terminalId });
  expect(hit?.atMs).toEqual(expect.any(Number));
  const note = await client.call('search.query', { text: 'looked ready', filters: { kinds: ['note'] } });
  expect(note.groups[0]?.steps[0]).toMatchObject({ stepKey: null, hits: [{ kind: 'note', author: 'Ada' }] });

  // Replay: the session, the step's span in it (ending after it starts), and the hit inside the span.
  const outline = await client.call('replay.outline', { runId: run.runId });
  expect(outline.sessions.map((session) => session.id)).toEqual([terminalId]);
  const span = outline.spans.find((candidate) => candidate.stepKey === 'check-release');
  expect(span).toMatchObject({ sessionId: terminalId, attempt: 1, status: 'succeeded' });
  expect(span?.startMs).toEqual(expect.any(Number));
  expect(span?.endMs).toBeGreaterThanOrEqual(span?.startMs as number);
  expect(hit?.atMs).toBeGreaterThanOrEqual(span?.startMs as number);
  expect(hit?.atMs).toBeLessThanOrEqual(span?.endMs as number);

  // Pages of one chunk each add up to the whole transcript, in order.
  const pages: string[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await client.call('replay.chunks', { sessionId: terminalId, afterSeq, limit: 1 });
    pages.push(...page.chunks.map((chunk) => chunk.data));
    if (page.done) break;
    afterSeq = page.chunks.at(-1)?.seq as number;
  }
  const whole = await client.call('replay.chunks', { sessionId: terminalId, limit: 2000 });
  expect(whole.done).toBe(true);
  expect(pages).toEqual(whole.chunks.map((chunk) => chunk.data));
  expect(pages.length).toBeGreaterThan(1);
  const text = Buffer.concat(pages.map((data) => Buffer.from(data, 'base64'))).toString('utf8');
  expect(text).toContain('release 2024.1 ready');
  // Secrets never reach the transcript a replay reads.
  expect(text).not.toContain('hunter2');

  const missing = await client
    .call('replay.outline', { runId: '00000000-0000-4000-8000-000000000009' })
    .catch((error: unknown) => error);
  expect(missing).toMatchObject({ code: 'not_found' });
});
