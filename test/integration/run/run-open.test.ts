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

async function startRun(current: RunHostFixture) {
  const { client } = current;
  const environment = await client.call('environments.create', { environment: environmentInput() });
  const saved = await client.call('runbooks.create', { title: 'Open light', source: runbook });
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
  await openRunTerminal(fixture, id);
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
