import { afterEach, expect, test } from 'vitest';
import { environmentInput, startRunHost, type RunHostFixture } from './host-fixture';
import { openRunTerminal, untilStep } from './run-fixture';

let fixture: RunHostFixture | undefined;
afterEach(() => fixture?.close());

const runbook = `---
title: "Open light"
---

# Open light

## Steps

### Print a marker {#print kind=command}

Prints a marker.

\`\`\`bash run
printf 'marker-%s\\n' 51c0de
\`\`\`

### Read the marker {#read kind=instruction}

Look for **the marker** above.

### Print again {#again kind=command}

\`\`\`bash run
printf 'second-%s\\n' 9b1e
\`\`\`
`;

async function startRun(current: RunHostFixture, source = runbook, title = 'Open light') {
  const { client } = current;
  const environment = await client.call('environments.create', { environment: environmentInput() });
  const saved = await client.call('runbooks.create', { title, source });
  const { run } = await client.call('runs.start', {
    runbookId: saved.id,
    revision: saved.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada',
  });
  return run.id;
}

/**
 * Issue 16, "the screen gets what it shows": opening a run sends every step's row and the
 * current step in full; another step's output, history and notes come with `runs.step`.
 */
test('opening a run sends the rows and the current step in full, not other steps’ output', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const id = await startRun(fixture);
  const terminalId = await openRunTerminal(fixture, id);
  await client.call('runs.runStep', { id, stepKey: 'print' });
  await untilStep(fixture, id, 'print', ['succeeded']);
  await client.call('runs.addNote', { id, stepKey: 'print', text: 'note on print' });
  await client.call('runs.addNote', { id, stepKey: null, text: 'note on the run' });

  const open = await client.call('runs.get', { id });
  const sent = JSON.stringify(open);
  expect(sent).not.toContain('marker-51c0de');
  expect(sent).not.toContain('note on print');
  expect(open.notes.map((note) => note.text)).toEqual(['note on the run']);
  expect(open.steps.map((step) => [step.key, step.kind, step.status])).toEqual([
    ['print', 'command', 'succeeded'],
    ['read', 'instruction', 'pending'],
    ['again', 'command', 'pending'],
  ]);
  expect(open.steps[0]).toMatchObject({ exitCode: 0, noteCount: 1 });
  expect(open.steps[0]).not.toHaveProperty('attempts');
  // The current step in full, with what its runbook says (from the plan kept with the run).
  expect(open.run.currentStepKey).toBe('read');
  expect(open.details.map((detail) => detail.step.key)).toEqual(['read']);
  expect(open.details[0]?.spec?.text).toContain('the marker');

  const print = await client.call('runs.step', { id, stepKey: 'print' });
  expect(print.step.attempts[0]?.commands[0]?.output).toContain('marker-51c0de');
  expect(print.notes.map((note) => note.text)).toEqual(['note on print']);

  expect(print.spec?.text).toContain('Prints a marker');
  expect(print.eventCount).toBe(open.run.eventCount);
  await expect(client.call('runs.step', { id, stepKey: 'nope' })).rejects.toMatchObject({
    code: 'not_found',
    field: 'params.stepKey',
  });

  // The run screen's terminal asks for the latest commands only (a long run's ran thousands).
  await client.call('runs.runStep', { id, stepKey: 'again' });
  await untilStep(fixture, id, 'again', ['succeeded']);
  const commands = await client.call('terminals.commands', { id: terminalId });
  expect(commands.length).toBeGreaterThan(1);
  expect(await client.call('terminals.commands', { id: terminalId, last: 1 })).toEqual(commands.slice(-1));
});

test('the first step not finished is the one sent in full; after a restart the open is the same', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const id = await startRun(fixture);
  await client.call('runs.markDone', { id, stepKey: 'read' });
  const open = await client.call('runs.get', { id });
  expect(open.details.map((detail) => detail.step.key)).toEqual(['print']);
  fixture = fixture.restart();
  const reopened = await fixture.client.call('runs.get', { id });
  expect(reopened.steps).toEqual(open.steps);
  expect(reopened.details.map((detail) => detail.step)).toEqual(open.details.map((detail) => detail.step));
});

/** A runbook of `count` instruction steps in two phases, keyed n0, n1, … */
function longRunbook(count: number): string {
  const lines = ['---', 'title: "Long"', '---', '', '# Long', ''];
  for (let index = 0; index < count; index += 1) {
    if (index === 0 || index === count / 2) lines.push(`## Phase ${index === 0 ? 1 : 2}`, '');
    lines.push(`### Step ${index} {#n${index} kind=instruction}`, '', 'Confirm.', '');
  }
  return lines.join('\n');
}

/**
 * Issue 16, "the screen gets what it shows", at length: the screen's open (`runs.open`) sends the
 * layout of every step but only the rows around the current step; `runs.steps` pages the others
 * in; an update says where each changed step stands.
 */
test('the screen’s open sends the rows around the current step; runs.steps pages the rest in', async () => {
  fixture = startRunHost();
  const { client } = fixture;
  const id = await startRun(fixture, longRunbook(600), 'Long');
  const update = await client.call('runs.markDone', { id, stepKey: 'n450' });
  expect(update.steps.map((step) => step.key)).toEqual(['n450']);
  expect(update.positions).toEqual([450]);

  const open = await client.call('runs.open', { id });
  expect(open.statuses).toHaveLength(600);
  expect(open.statuses[450]).toBe('s');
  expect(open.statuses.replace(/s/g, '')).toMatch(/^p+$/);
  expect(open.phaseSizes).toEqual([300, 300]);
  // The current step is n0: the rows from the first, a window of them, not all 600.
  expect(open.pages.map((page) => [page.from, page.steps.length])).toEqual([[0, 100]]);
  expect(open.pages[0]?.steps.map((step) => step.key).slice(0, 3)).toEqual(['n0', 'n1', 'n2']);
  expect(open.details.map((detail) => [detail.step.key, detail.index])).toEqual([['n0', 0]]);

  // Centred on a step asked for (a link to it), clipped at the run's end.
  const around = await client.call('runs.open', { id, around: 'n590' });
  expect(around.pages[0]?.from).toBe(500);
  expect(around.pages[0]?.steps.at(-1)?.key).toBe('n599');

  const page = await client.call('runs.steps', { id, from: 440, count: 20 });
  expect(page.from).toBe(440);
  expect(page.steps.map((step) => step.key)).toEqual(Array.from({ length: 20 }, (_, at) => `n${440 + at}`));
  expect(page.steps[10]).toMatchObject({ key: 'n450', status: 'succeeded' });
  expect(page.eventCount).toBe(update.run.eventCount);
  const centred = await client.call('runs.steps', { id, around: 'n300', count: 10 });
  expect([centred.from, centred.steps[5]?.key]).toEqual([295, 'n300']);
  const past = await client.call('runs.steps', { id, from: 598, count: 10 });
  expect(past.steps.map((step) => step.key)).toEqual(['n598', 'n599']);
  await expect(client.call('runs.steps', { id, around: 'nope', count: 10 })).rejects.toMatchObject({
    code: 'not_found',
  });
  await expect(client.call('runs.steps', { id, from: 0, count: 10_000 })).rejects.toMatchObject({
    code: 'invalid_params',
  });

  const far = await client.call('runs.step', { id, stepKey: 'n450' });
  expect(far.index).toBe(450);
});

/**
 * Cold open (issue 16): after a restart the screen's reads come from the run read without its
 * outputs (viewed-runs.ts); a step opened still brings its output, and acting on the run loads it
 * whole, after which the reads agree.
 */
test('after a restart a screen’s reads bring a step’s output without loading the run; acting loads it', async () => {
  fixture = startRunHost();
  const id = await startRun(fixture);
  await openRunTerminal(fixture, id);
  await fixture.client.call('runs.runStep', { id, stepKey: 'print' });
  await untilStep(fixture, id, 'print', ['succeeded']);
  const before = await fixture.client.call('runs.step', { id, stepKey: 'print' });
  fixture = fixture.restart();
  const { client } = fixture;

  const open = await client.call('runs.open', { id });
  expect(open.statuses).toBe('spp');
  expect(open.details.map((detail) => detail.step.key)).toEqual(['read']);
  const print = await client.call('runs.step', { id, stepKey: 'print' });
  expect(print.step).toEqual(before.step);
  expect(print.step.attempts[0]?.commands[0]?.output).toContain('marker-51c0de');
  expect((await client.call('runs.events', { id })).length).toBe(open.run.eventCount);

  const done = await client.call('runs.markDone', { id, stepKey: 'read' });
  expect(done.positions).toEqual([1]);
  const after = await client.call('runs.open', { id });
  expect(after.statuses).toBe('ssp');
  expect((await client.call('runs.step', { id, stepKey: 'print' })).step).toEqual(before.step);
});
