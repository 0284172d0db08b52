import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Host } from '../../electron/host/host';
import { maxStoredOutputChars } from '../../electron/host/run/command-runner';
import { draft, hostActor, type EventDraft } from '../../electron/host/run/run-event-types';
import { toPlainText } from '../../electron/host/terminal/plain-text';
import { TranscriptStore } from '../../electron/host/terminal/transcript/transcript-store';
import type { TranscriptWriter } from '../../electron/host/terminal/transcript/transcript-writer';
import type { RpcClient } from '../../shared/rpc/client';
import { mixedText } from './mixed-text';

/**
 * A finished run of `steps` command steps, each of whose `cat` printed ~100 kB of mixed text
 * (100 MB of transcript for 1,000 steps), written through the product's own classes.
 *
 * Why not the real path (runs.runStep on a real shell, as test/integration/report does): every
 * append rewrites the run's whole state (runs.state_json, electron/host/run/event-log.ts), and the
 * state holds every command's output excerpt (up to 64 KiB each), so a step costs time in
 * proportion to the steps before it. Measured here with a 100 kB `cat` per step: 70 ms/step at
 * step 25, 210 at step 100, 544 at step 200 (80% of the time in EventLog.append): extrapolated,
 * 1,000 steps take well over ten minutes. So the run is started, finished, signed and verified
 * through the RPC API, and its steps are written as the engine would write them:
 * - events through the engine's own commit (RunEngine.act → ctx.commit: hash chain, fold, cached
 *   state), in batches of `batchSteps` steps so the state is rewritten 10 times, not 2,000;
 * - the terminal session, its transcript chunks (and full-text index) and its commands through
 *   TranscriptStore and TranscriptWriter, as TerminalSession does;
 * - each command.finished output as command-runner.ts `judged` makes it: the plain text (escape
 *   sequences removed) of the command's output, its last maxStoredOutputChars characters.
 */
export interface GeneratedRun {
  runId: string;
  transcriptBytes: number;
  /** Wall time to write the run, split by part. */
  timings: { transcriptMs: number; eventsMs: number; finishMs: number; verifyMs: number };
}

const batchSteps = 250;
/** Distinct output files the steps print in turn (run-length.bench.ts prints the same set). */
export const variants = 10;
const outputBytes = 100_000;
const environmentTarget = { kind: 'local', shell: '/bin/bash' } as const;

/** The runbook: `steps` command steps in phases of 100, each printing one of the prepared files. */
export function scaleRunbookSource(steps: number): string {
  const lines = ['---', 'title: "Report scale"', 'variables:', '  - name: "work_dir"', '---', ''];
  lines.push('# Report scale', '');
  for (let index = 0; index < steps; index++) {
    if (index % 100 === 0) lines.push(`## Phase ${index / 100 + 1} {window=inside}`, '');
    lines.push(
      `### Step ${index + 1} {#s${index + 1} kind=command estimate=1m}`,
      '',
      '```bash run',
      `cat {{work_dir}}/out-${index % variants}.txt`,
      '```',
      '',
    );
  }
  return lines.join('\n');
}

interface Variant {
  /** What the pty wrote for the command: the echoed command line and the output, CRLF line ends. */
  echo: Buffer;
  output: Buffer;
  /** command.finished's output and outputTruncated, as `judged` computes them. */
  stored: string;
  truncated: boolean;
}

function variant(workDir: string, index: number): Variant {
  const file = join(workDir, `out-${index}.txt`);
  const text = mixedText(outputBytes, 8 + index);
  writeFileSync(file, text);
  const output = Buffer.from(text.toString('utf8').replace(/\n/g, '\r\n'));
  const plain = toPlainText(output.toString('utf8').replace(/\r\n?/g, '\n'));
  const stored = plain.length > maxStoredOutputChars ? plain.slice(-maxStoredOutputChars) : plain;
  return { echo: Buffer.from(`$ cat ${file}\r\n`), output, stored, truncated: stored.length < plain.length };
}

export async function generateRun(host: Host, client: RpcClient, workDir: string, steps: number) {
  const prepared = Array.from({ length: variants }, (_, index) => variant(workDir, index));
  const environment = await client.call('environments.create', {
    environment: {
      name: 'Report scale testbed',
      kind: 'test',
      colour: '#2a7ae2',
      controlHost: environmentTarget,
      variables: {},
      secretNames: [],
    },
  });
  const runbook = await client.call('runbooks.create', {
    title: 'Report scale',
    source: scaleRunbookSource(steps),
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
  const operator = detail.run.operator;
  const terminalId = randomUUID();

  let started = performance.now();
  const store = new TranscriptStore(host.db);
  store.createSession({
    id: terminalId,
    kind: 'local',
    title: `${detail.run.runbookTitle} · ${detail.run.environment.name}`,
    profile: JSON.stringify(environmentTarget),
    cols: 120,
    rows: 32,
    startedAt: new Date().toISOString(),
  });
  const transcript = new TranscriptCursor(
    store.writer(terminalId, (error) => {
      throw error;
    }),
  );
  const finishedDrafts: EventDraft[][] = [];
  for (let index = 0; index < steps; index++) {
    const stepKey = `s${index + 1}`;
    const seq = index + 1;
    const source = prepared[index % variants]!;
    const startedAt = new Date().toISOString();
    transcript.write(source.echo);
    const outputStart = transcript.offset;
    transcript.write(source.output);
    store.saveCommand(terminalId, {
      seq,
      text: `cat ${workDir}/out-${index % variants}.txt`,
      startedAt,
      endedAt: new Date().toISOString(),
      exitCode: 0,
      outcome: 'finished',
      outputStart,
      outputEnd: transcript.offset,
    });
    finishedDrafts.push([
      draft('step.started', operator, stepKey, { attempt: 1 }),
      draft('command.sent', operator, stepKey, {
        index: 0,
        text: `cat ${workDir}/out-${index % variants}.txt`,
        terminalId,
      }),
      draft('command.finished', hostActor, stepKey, {
        index: 0,
        exitCode: 0,
        outcome: 'finished',
        output: source.stored,
        outputTruncated: source.truncated,
        terminalSeq: seq,
        problems: [],
      }),
      draft('step.succeeded', hostActor, stepKey, { override: false }),
    ]);
  }
  transcript.close();
  store.endSession(terminalId, { endedAt: new Date().toISOString(), exitCode: 0, complete: true });
  // The search index is made by a worker thread: it finishes here, not during the exports timed.
  if (!(await store.indexer.caughtUp(600_000))) throw new Error('report-run: the index did not catch up');
  await store.indexer.close();
  const transcriptMs = performance.now() - started;

  started = performance.now();
  const commit = (drafts: EventDraft[]): void => {
    host.runs.act(runId, (ctx, live) => ctx.commit(live, drafts));
  };
  commit([draft('terminal.opened', operator, null, { terminalId })]);
  for (let first = 0; first < steps; first += batchSteps)
    commit(finishedDrafts.slice(first, first + batchSteps).flat());
  const eventsMs = performance.now() - started;

  started = performance.now();
  await client.call('runs.finish', { id: runId });
  await client.call('reports.sign', {
    runId,
    kind: 'final',
    name: 'Ada Lovelace',
    role: 'operator',
    key: { kind: 'handrail' },
  });
  const finishMs = performance.now() - started;

  started = performance.now();
  const verification = await client.call('runs.verify', { id: runId });
  if (!verification.valid)
    throw new Error(`report-export: the generated run does not verify: ${verification.problem}`);
  const verifyMs = performance.now() - started;
  return {
    runId,
    transcriptBytes: transcript.offset,
    timings: { transcriptMs, eventsMs, finishMs, verifyMs },
  } satisfies GeneratedRun;
}

/**
 * Feeds a TranscriptWriter as a pty read loop would: pieces of at most 16 KiB (a typical pty read),
 * 1 ms apart on the session's clock, flushed when the command ends (TerminalSession.commandFinished).
 */
class TranscriptCursor {
  private atMs = 0;

  constructor(private readonly writer: TranscriptWriter) {}

  get offset(): number {
    return this.writer.bytesWritten;
  }

  write(data: Buffer): void {
    for (let start = 0; start < data.length; start += 16_384) {
      this.writer.append(data.subarray(start, start + 16_384), this.atMs);
      this.atMs += 1;
    }
    this.writer.flush();
  }

  close(): void {
    this.writer.close();
  }
}
