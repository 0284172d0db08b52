import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor, type RunHostFixture, environmentInput } from '../run/host-fixture';
import { openRunTerminal, untilStep } from '../run/run-fixture';
import { injectionCorpus } from '../../support/injection-corpus';

/** A small runbook with one of each thing a report shows: an instruction, output, a gate, a check. */
export const reportRunbookSource = `---
title: "Report exercise"
variables:
  - name: "work_dir"
    description: "A scratch folder"
---

# Report exercise

## Prepare {window=before}

### Read the plan {#read-plan kind=instruction estimate=2m}

Read it.

### Print hostile output {#hostile kind=command estimate=1m}

\`\`\`bash run
cat {{work_dir}}/corpus.bin; echo; echo hostile-done
\`\`\`

## Change {window=inside}

### Approve the change {#approve kind=gate estimate=5m}

The change manager approves.

### Check it worked {#check kind=check evidence estimate=5m}

Look at the dashboard.
`;

export const stepTitles = ['Read the plan', 'Print hostile output', 'Approve the change', 'Check it worked'];

/** Every corpus entry as text (bytes decoded loosely), one per line: notes and evidence carry it. */
export function corpusText(): string {
  return injectionCorpus
    .map((entry) =>
      typeof entry.input === 'string' ? entry.input : Buffer.from(entry.input).toString('latin1'),
    )
    .join('\n');
}

/** Runs the report runbook to the end: hostile output, hostile note and evidence, gate signed with a key. */
export async function finishedReportRun(fixture: RunHostFixture, workDir: string): Promise<string> {
  const { client } = fixture;
  writeFileSync(
    join(workDir, 'corpus.bin'),
    Buffer.concat(
      injectionCorpus.map((entry) => Buffer.concat([Buffer.from(entry.input), Buffer.from('\n')])),
    ),
  );
  const environment = await client.call('environments.create', {
    environment: environmentInput({ name: 'Report testbed' }),
  });
  const runbook = await client.call('runbooks.create', {
    title: 'Report exercise',
    source: reportRunbookSource,
  });
  const detail = await client.call('runs.start', {
    runbookId: runbook.id,
    revision: runbook.revision,
    environmentId: environment.id,
    mode: 'live',
    operator: 'Ada Lovelace',
    variables: { work_dir: workDir },
  });
  const runId = detail.run.id;
  // This client owns the run's terminal: it acknowledges output as a view would, or flow control
  // pauses the shell once 100,000 characters are unacknowledged (the corpus prints more).
  client.on(
    'terminals.data',
    ({ id, data }) => void client.call('terminals.ack', { id, chars: data.length }).catch(() => {}),
  );
  await openRunTerminal(fixture, runId);
  await client.call('runs.markDone', { id: runId, stepKey: 'read-plan' });
  await client.call('runs.runStep', { id: runId, stepKey: 'hostile' });
  await untilStep(fixture, runId, 'hostile', ['succeeded']);
  await client.call('runs.addNote', { id: runId, stepKey: 'hostile', text: corpusText() });
  await client.call('reports.sign', {
    runId,
    kind: 'gate',
    stepKey: 'approve',
    name: 'Grace Hopper',
    role: 'change manager',
    key: { kind: 'handrail' },
  });
  await client.call('runs.markDone', { id: runId, stepKey: 'check', evidence: corpusText() });
  await client.call('runs.finish', { id: runId });
  await waitFor(
    async () => (await client.call('runs.get', { id: runId })).run.status === 'completed',
    'the run to complete',
  );
  await client.call('reports.sign', {
    runId,
    kind: 'final',
    name: 'Ada Lovelace',
    role: 'operator',
    key: { kind: 'handrail' },
  });
  return runId;
}
