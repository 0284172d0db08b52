import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunFault, TerminalRecording } from '../../shared/contract/index';
import {
  environmentInput,
  startRunHost,
  waitFor,
  type RunHostFixture,
} from '../integration/run/host-fixture';
import { openRunTerminal, untilStep } from '../integration/run/run-fixture';
import { fillUpTo, mountSmallFilesystem } from '../support/small-filesystem';
import { makeTempDir } from '../support/temp-dir';
import { reportCounters } from './counters';

/**
 * 3 MB of output, then a line to find: the flood fills a full disk's held buffer past its limit.
 * Random bytes in base64, not a run of one letter: chunks are stored compressed (chunk-codec.ts),
 * and 3 MB of "x" would fit in a few kilobytes and never fill the disk.
 */
const floodBytes = 3 * 1024 * 1024;
/** Held output per session for this host: the flood is three times it, so a gap must be made. */
const heldBytes = 1024 * 1024;

const runbook = `---
title: "Disk full during a flood"
---

# Disk full

## Steps

### Flood {#flood kind=command}

\`\`\`bash run
head -c ${(floodBytes / 4) * 3} /dev/urandom | base64 -w 0; echo; echo flood-finished
\`\`\`

### After {#after kind=command}

\`\`\`bash run
echo after-the-flood
\`\`\`
`;

/**
 * Issue 18, "faults are said": the data folder on a small tmpfs that is full while a step floods
 * its terminal. Every client is told the output is not recorded, the step does not stay
 * `running` once space is freed, the output past the held limit is a `transcript.gap` event,
 * and the report lists it.
 */
describe('disk full during a run', () => {
  const temp = makeTempDir('handrail-diskfull-run-');
  const dataDir = join(temp.path, 'data');
  const mount = mountSmallFilesystem(dataDir, 24 * 1024 * 1024);
  let fixture: RunHostFixture | undefined;
  afterAll(() => {
    fixture?.close();
    mount.unmount();
    temp.remove();
  });

  it.skipIf(mount.reason !== undefined)(
    'says the fault, leaves running once space is freed, and lists the gap',
    async () => {
      const host = startRunHost(dataDir, { transcriptHeldBytes: heldBytes });
      fixture = host;
      const { client } = host;
      const runFaults: RunFault[] = [];
      const recordings: TerminalRecording[] = [];
      client.on('runs.fault', (fault) => runFaults.push(fault));
      client.on('terminals.recording', (report) => recordings.push(report));
      // The view's acknowledgements: without them flow control pauses the flood (flow-control.ts).
      client.on('terminals.data', ({ id, data }) => {
        client.call('terminals.ack', { id, chars: data.length }).catch(() => undefined);
      });

      const environment = await client.call('environments.create', {
        environment: environmentInput({ name: 'Full disk' }),
      });
      const saved = await client.call('runbooks.create', { title: 'Disk full', source: runbook });
      const started = await client.call('runs.start', {
        runbookId: saved.id,
        revision: saved.revision,
        environmentId: environment.id,
        mode: 'live',
        operator: 'Ada',
        variables: {},
        secrets: {},
      });
      const runId = started.run.id;
      await openRunTerminal(host, runId);

      // The step is started (its events stored), then the disk fills while it floods: starting it
      // on a full disk is refused outright, which is not what this test is about.
      await client.call('runs.runStep', { id: runId, stepKey: 'flood' });
      const filler = fillUpTo(dataDir, 32 * 1024);
      await waitFor(
        () => runFaults.some((fault) => fault.kind === 'transcript' && fault.state === 'failing'),
        'the recording fault to be said',
        30_000,
      );
      // The shell ends the flood whether or not its outcome could be written.
      await waitFor(
        async () =>
          runFaults.some((fault) => fault.kind === 'outcome' && fault.state === 'failing') ||
          (await client.call('runs.get', { id: runId })).steps.find((step) => step.key === 'flood')
            ?.status !== 'running',
        'the flood to end',
        60_000,
      );
      const outcomeHeld = runFaults.some((fault) => fault.kind === 'outcome' && fault.state === 'failing');
      if (outcomeHeld) {
        // While it is held, the run takes no other action, and says why.
        await expect(
          client.call('runs.addNote', { id: runId, stepKey: null, text: 'during' }),
        ).rejects.toThrow(/not recorded yet/);
      }

      rmSync(filler);
      const flood = await untilStep(host, runId, 'flood', ['succeeded', 'failed', 'unknown']);
      await waitFor(
        () => recordings.some((report) => report.state === 'recovered'),
        'the recording to recover',
        30_000,
      );
      const events = await client.call('runs.events', { id: runId, afterSeq: -1, limit: 1000 });
      const gaps = events.filter((event) => event.type === 'transcript.gap');
      const lostBytes = gaps.reduce((sum, event) => sum + (event.payload as { bytes: number }).bytes, 0);
      const report = await client.call('reports.export', { runId, format: 'markdown' });
      // The run goes on after the fault: the next step runs and is recorded.
      await client.call('runs.runStep', { id: runId, stepKey: 'after' });
      const after = await untilStep(host, runId, 'after', ['succeeded', 'failed', 'unknown']);

      reportCounters('disk-full during a run', {
        transcriptFaultsSaid: runFaults.filter((fault) => fault.kind === 'transcript').length,
        outcomeHeld: outcomeHeld ? 1 : 0,
        gapEvents: gaps.length,
        lostBytes,
      });
      expect(flood.status).toBe('succeeded');
      expect(gaps.length).toBeGreaterThan(0);
      expect(gaps.every((event) => event.stepKey === 'flood')).toBe(true);
      // At least the output past the held limit was lost, less what was stored before the disk
      // was full (32 KiB left, free pages in the file, reused WAL frames): up to 1 MiB since the
      // index is written after the chunks (issue 17), 540 KiB seen, where it took its share of
      // the space with each chunk before. No more than the flood printed was lost.
      expect(lostBytes).toBeGreaterThanOrEqual(floodBytes - heldBytes - 1024 * 1024);
      expect(lostBytes).toBeLessThanOrEqual(floodBytes + 4096);
      expect(report.content).toMatch(/transcript-gap/);
      expect(report.content).toContain(
        `${gaps[0]?.payload && (gaps[0].payload as { bytes: number }).bytes} bytes`,
      );
      expect(after.status).toBe('succeeded');
    },
    180_000,
  );
});
