import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunComparison } from '../../../shared/contract/index';
import { environmentInput, startRunHost, waitFor, type RunHostFixture } from '../run/host-fixture';
import { openRunTerminal, untilStep } from '../run/run-fixture';

/** Revision 1; revision 2 changes `print-release`, drops `old-check` and adds `new-check`. */
const revisionOne = `---
title: "Compare exercise"
---

# Compare exercise

## Prepare {window=before}

### Read the plan {#read-plan kind=instruction}

Read it.

### Print the release {#print-release kind=command}

\`\`\`bash run
echo release-one
\`\`\`

### Old check {#old-check kind=instruction}

Only in revision 1.

## Change {window=inside}

### Restart the service {#restart kind=instruction}

Restart it.
`;

const revisionTwo = revisionOne
  .replace('echo release-one', 'false')
  .replace('### Old check {#old-check kind=instruction}\n\nOnly in revision 1.\n', '')
  .replace(
    '## Change {window=inside}',
    '### New check {#new-check kind=instruction}\n\nNew in revision 2.\n\n## Change {window=inside}',
  );

describe('comparing a run with a reference run of another revision', () => {
  let fixture: RunHostFixture;
  let runId: string;
  let referenceId: string;
  let comparison: RunComparison;

  beforeAll(async () => {
    fixture = startRunHost();
    const { client } = fixture;
    const environment = await client.call('environments.create', {
      environment: environmentInput({ name: 'Training lab', kind: 'training' }),
    });
    const created = await client.call('runbooks.create', { title: 'Compare exercise', source: revisionOne });
    const start = async (revision: number, mode: 'live' | 'practice') =>
      (
        await client.call('runs.start', {
          runbookId: created.id,
          revision,
          environmentId: environment.id,
          mode,
          operator: 'Tina Trainee',
        })
      ).run.id;

    // The reference: revision 1, a note on the plan, the command skipped.
    referenceId = await start(created.revision, 'live');
    await client.call('runs.markDone', { id: referenceId, stepKey: 'read-plan' });
    await client.call('runs.addNote', { id: referenceId, stepKey: 'read-plan', text: 'plan read twice' });
    await client.call('runs.skip', { id: referenceId, stepKey: 'print-release', reason: 'printed by hand' });
    await client.call('runs.markDone', { id: referenceId, stepKey: 'old-check' });
    await client.call('runs.markDone', { id: referenceId, stepKey: 'restart' });
    await client.call('runs.finish', { id: referenceId });

    // The run: revision 2 in practice; the command fails, is edited and passes on a second attempt.
    const saved = await client.call('runbooks.saveRevision', {
      id: created.id,
      baseRevision: created.revision,
      message: 'revision 2',
      content: { kind: 'markdown', source: revisionTwo },
    });
    runId = await start(saved.revision, 'practice');
    await openRunTerminal(fixture, runId);
    await client.call('runs.markDone', { id: runId, stepKey: 'read-plan' });
    await client.call('runs.runStep', { id: runId, stepKey: 'print-release' });
    await untilStep(fixture, runId, 'print-release', ['failed']);
    await client.call('runs.editCommand', {
      id: runId,
      stepKey: 'print-release',
      commandIndex: 0,
      text: 'echo release-two',
    });
    await client.call('runs.retry', { id: runId, stepKey: 'print-release' });
    await untilStep(fixture, runId, 'print-release', ['succeeded']);
    await client.call('runs.markDone', { id: runId, stepKey: 'new-check' });
    await client.call('runs.markDone', { id: runId, stepKey: 'restart' });
    await client.call('runs.finish', { id: runId });
    await waitFor(
      async () => (await client.call('runs.get', { id: runId })).run.status === 'completed',
      'the run to complete',
    );
    comparison = await client.call('reviews.compare', { runId, referenceRunId: referenceId });
  }, 60_000);
  afterAll(() => fixture.close());

  it('offers the other run of the runbook (any revision) as a reference, not the run itself', async () => {
    const references = await fixture.client.call('reviews.references', { runId });
    expect(references.map((item) => [item.runId, item.revision, item.origin])).toEqual([
      [referenceId, 1, 'local'],
    ]);
  });

  it('matches steps by id, shows added and removed steps where they belong, and flags changed definitions', () => {
    expect(comparison.run).toMatchObject({ runId, revision: 2, mode: 'practice' });
    expect(comparison.reference).toMatchObject({ runId: referenceId, revision: 1, mode: 'live' });
    expect(comparison.rows.map((row) => [row.key, row.presence, row.changed])).toEqual([
      ['read-plan', 'both', false],
      ['print-release', 'both', true],
      ['old-check', 'removed', false],
      ['new-check', 'added', false],
      ['restart', 'both', false],
    ]);
    const removed = comparison.rows.find((row) => row.key === 'old-check')!;
    expect(removed.run).toBeNull();
    expect(removed.reference?.status).toBe('succeeded');
    const added = comparison.rows.find((row) => row.key === 'new-check')!;
    expect(added.reference).toBeNull();
    expect(added.run?.status).toBe('succeeded');
  });

  it('sets outcome, attempts, skips, edited commands and notes side by side', () => {
    const printing = comparison.rows.find((row) => row.key === 'print-release')!;
    expect(printing.run).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      commandsEdited: 1,
      skipped: false,
    });
    expect(printing.reference).toMatchObject({
      status: 'skipped',
      skipped: true,
      skipReason: 'printed by hand',
      commandsEdited: 0,
    });
    const plan = comparison.rows.find((row) => row.key === 'read-plan')!;
    expect(plan.run?.notes).toEqual([]);
    expect(plan.reference?.notes).toEqual(['plan read twice']);
  });

  it('totals both runs and ranks the time differences of matched steps', () => {
    expect(comparison.totals.run).toMatchObject({ attempts: 5, commandsEdited: 1, notes: 0 });
    expect(comparison.totals.run.counts).toMatchObject({ succeeded: 4, skipped: 0 });
    expect(comparison.totals.reference).toMatchObject({ attempts: 4, commandsEdited: 0, notes: 1 });
    expect(comparison.totals.reference.counts).toMatchObject({ succeeded: 3, skipped: 1 });
    const deltas = comparison.biggestTimeDifferences.map((item) => Math.abs(item.deltaSeconds));
    expect(deltas).toEqual([...deltas].sort((a, b) => b - a));
    for (const item of comparison.biggestTimeDifferences) {
      const row = comparison.rows.find((candidate) => candidate.key === item.key)!;
      expect(row.presence).toBe('both');
      expect(item.deltaSeconds).toBeCloseTo(item.runSeconds - item.referenceSeconds, 6);
      expect(row.deltaSeconds).toBe(item.deltaSeconds);
    }
  });

  it('refuses a reference of another runbook, or the run itself', async () => {
    const other = await fixture.client.call('runbooks.create', { title: 'Other', source: revisionOne });
    const environments = await fixture.client.call('environments.list', {});
    const otherRun = await fixture.client.call('runs.start', {
      runbookId: other.id,
      revision: other.revision,
      environmentId: environments[0]!.id,
      mode: 'practice',
      operator: 'Tina Trainee',
    });
    await expect(
      fixture.client.call('reviews.compare', { runId, referenceRunId: otherRun.run.id }),
    ).rejects.toMatchObject({ code: 'invalid_params', field: 'params.referenceRunId' });
    await expect(
      fixture.client.call('reviews.compare', { runId, referenceRunId: runId }),
    ).rejects.toMatchObject({
      code: 'invalid_params',
    });
  });

  it('labels the practice run as practice in its reports', async () => {
    const markdown = await fixture.client.call('reports.export', { runId, format: 'markdown' });
    expect(markdown.content.split('\n')[0]).toBe('# Practice run report: Compare exercise');
    expect(markdown.content).toContain('**PRACTICE** run');
    const html = await fixture.client.call('reports.export', { runId, format: 'html' });
    expect(html.content).toContain('<title>Practice run report: ');
    expect(html.content).toContain('PRACTICE</span>');
    const live = await fixture.client.call('reports.export', { runId: referenceId, format: 'markdown' });
    expect(live.content).not.toContain('PRACTICE');
  });
});
