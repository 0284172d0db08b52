import type { Database } from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHost, type Host } from '../../electron/host/host';
import { RpcClient } from '../../shared/rpc/client';
import { messagePortPair } from '../support/channels';
import { makeTempDir } from '../support/temp-dir';
import { compared, measure, type Benchmark, type Figure, type Sample } from './harness';
import { peakRssOf } from './peak-rss';
import { generateRun } from './report-run';

const steps = 1000;
/**
 * The 1,000-step exports take seconds each (1-6 s here): three runs and no warm-up, since JIT
 * warm-up is milliseconds against that and a fourth export of each form would take the benchmark
 * past its time budget (~75 s). The content of the last run is checked (checkExport).
 */
const runs = 3;

/**
 * report-export: ReportService's export of a finished run of 1,000 command steps with 100 MB of
 * transcripts to a file, as HTML, JSON and Markdown, against a plain read (prepared statements,
 * rows into memory, nothing parsed) of the rows the export reads from SQLite. The ratio is what
 * building the report costs on top of fetching its data. Then the peak RSS of the `handrail
 * report` command (the built CLI, a host process of its own) writing the HTML report to a file,
 * against the same command listing the runs (a host at rest).
 *
 * The rows a report reads (ReportService.bundle, run-source.ts): the run row (its header), its
 * run_steps and run_notes, every run_events row, the pinned runbook_revisions row, run_signatures
 * and review_entries. It reads no transcript: each command's output excerpt is the plain text
 * stored once, in its command.finished event (the last 64 KiB, maxStoredOutputChars in
 * command-runner.ts; the step rows leave it out, migration 0010). So the 100 MB of transcripts
 * lie beside the report's rows, and the excerpts (65 million characters here) are read once. The
 * bundle every form embeds carries each excerpt twice (in the events and in the state), which is
 * why the HTML (bundle in base64) is ~4x the excerpts. The export streams the events' rows
 * (report-record.ts); this host has the run open, so its state holds each excerpt once, while
 * `handrail report` (the RSS figure) reads them a step at a time (RunEngine.reportState).
 */
export const reportExportBenchmark: Benchmark = {
  name: 'report-export',
  description: `exports of a ${steps}-step run with 100 MB of transcripts vs. a plain read of its rows`,
  async run() {
    const dir = makeTempDir('handrail-report-export-');
    const host = createHost({ dataDir: join(dir.path, 'data'), version: 'bench' });
    const pair = messagePortPair();
    host.server.attach(pair.hostSide);
    const client = new RpcClient(pair.clientSide);
    try {
      const started = performance.now();
      const generated = await generateRun(host, client, dir.path, steps);
      const generationMs = performance.now() - started;
      const plainRead = await measure(() => readReportRows(host.db, generated.runId), { warmup: 1, runs });
      const figures: Figure[] = [];
      const file = join(dir.path, 'report');
      for (const format of ['html', 'json', 'markdown'] as const) {
        const sample = await measure(() => exportToFile(host, generated.runId, format, file), {
          warmup: 0,
          runs,
        });
        const size = checkExport(format, readFileSync(file, 'utf8'));
        rmSync(file);
        figures.push(
          compared(
            'report-export',
            `${format} export to a file (${mb(size)} MB)`,
            'ms',
            sample,
            { name: 'plain read of its rows', sample: plainRead },
            `${steps} steps, ${mb(generated.transcriptBytes)} MB of transcript`,
          ),
        );
      }
      figures.push(await peakRssFigure(join(dir.path, 'data'), generated.runId, file));
      figures.push(generationFigure(generationMs, generated.timings));
      return figures;
    } finally {
      client.close();
      pair.close();
      host.close();
      dir.remove();
    }
  },
};

/** What `handrail report RUN --out FILE` does: the report, streamed to the file. */
async function exportToFile(host: Host, runId: string, format: 'html' | 'json' | 'markdown', path: string) {
  await host.reports.exportToFile(runId, format, path);
}

/**
 * Peak RSS of `handrail report` writing the HTML report, beside `handrail runs` on the same data
 * folder (the host opened, nothing exported). Both read the folder without its lock, beside this
 * benchmark's own host, as they would beside the app.
 */
async function peakRssFigure(dataDir: string, runId: string, file: string): Promise<Figure> {
  const atRest = await measure(() => peakRssOf(['runs'], dataDir), { warmup: 0, runs });
  const exporting = await measure(
    () => peakRssOf(['report', runId, '--format', 'html', '--out', file], dataDir),
    { warmup: 0, runs },
  );
  checkExport('html', readFileSync(file, 'utf8'));
  rmSync(file);
  return compared(
    'report-export',
    'peak RSS of handrail report (html to a file)',
    'MB',
    exporting,
    { name: 'handrail runs', sample: atRest },
    'bar: < 300 MB',
  );
}

/** The rows ReportService.export reads, with the statements its stores use, as strings in memory. */
function readReportRows(db: Database, runId: string): void {
  const run = db.prepare(`SELECT * FROM runs WHERE id = ?`).get(runId) as
    { runbook_id: string; revision: number } | undefined;
  if (run === undefined) throw new Error(`report-export: no run ${runId}`);
  db.prepare(`SELECT state_json FROM run_steps WHERE run_id = ? ORDER BY position`).all(runId);
  db.prepare(`SELECT state_json FROM run_notes WHERE run_id = ? ORDER BY seq`).all(runId);
  db.prepare(`SELECT * FROM runbook_revisions WHERE runbook_id = ? AND revision = ?`).get(
    run.runbook_id,
    run.revision,
  );
  const events = db.prepare(`SELECT * FROM run_events WHERE run_id = ? ORDER BY seq`).all(runId);
  db.prepare(`SELECT * FROM run_signatures WHERE run_id = ? ORDER BY seq`).all(runId);
  db.prepare(`SELECT * FROM review_entries WHERE run_id = ? ORDER BY seq`).all(runId);
  if (events.length < steps * 4)
    throw new Error(`report-export: the plain read found ${events.length} events`);
}

/** Throws unless the export shows every step, succeeded, with its output excerpt; returns its size. */
function checkExport(format: 'html' | 'json' | 'markdown', content: string): number {
  const missing: number[] = [];
  if (format === 'json') {
    const report = (JSON.parse(content) as { report: { phases: Array<{ steps: ExportedStep[] }> } }).report;
    const shown = new Map(report.phases.flatMap((phase) => phase.steps).map((step) => [step.key, step]));
    for (let index = 1; index <= steps; index++) {
      const step = shown.get(`s${index}`);
      const output = step?.attempts[0]?.commands[0]?.output ?? '';
      if (step?.status !== 'succeeded' || output.length === 0) missing.push(index);
    }
  } else {
    missing.push(...stepsWithoutOutput(format, content));
  }
  if (missing.length > 0)
    throw new Error(
      `report-export: the ${format} export lacks ${missing.length} of ${steps} steps (first: ${missing[0]})`,
    );
  return Buffer.byteLength(content);
}

interface ExportedStep {
  key: string;
  status: string;
  attempts: Array<{ commands: Array<{ output: string }> }>;
}

/**
 * Steps whose heading is missing from the HTML or Markdown, or whose part of the document (up to
 * the end of its <article>, or the next Markdown heading) has no output block. One pass: the steps
 * appear in order.
 */
function stepsWithoutOutput(format: 'html' | 'markdown', content: string): number[] {
  const html = format === 'html';
  const heading = html
    ? (index: number) => `<article class="step" id="step-s${index}">`
    : (index: number) => `#### succeeded: Step ${index} (command)`;
  // HTML: the output's <pre>; Markdown: the output's fence after the command's exit code.
  const output = html ? '<pre class="output t-out">' : 'exit 0\n\n```text\n';
  // The step's part ends at its </article>, or at the next Markdown heading (no line of the
  // generated output starts with '#').
  const partEnd = (start: number): number => {
    const end = content.indexOf(html ? '</article>' : '\n#', start + 1);
    return end < 0 ? content.length : end;
  };
  const missing: number[] = [];
  let from = 0;
  for (let index = 1; index <= steps; index++) {
    const start = content.indexOf(heading(index), from);
    if (start < 0) {
      missing.push(index);
      continue;
    }
    from = start;
    const shown = content.indexOf(output, start);
    if (shown < 0 || shown > partEnd(start)) missing.push(index);
  }
  return missing;
}

/** Generation time, once: not compared (nothing in the same run does the same work another way). */
function generationFigure(ms: number, timings: Awaited<ReturnType<typeof generateRun>>['timings']): Figure {
  const sample: Sample = { median: ms, min: ms, max: ms, runs: 1 };
  const part = (value: number) => `${(value / 1000).toFixed(1)} s`;
  return {
    benchmark: 'report-export',
    name: 'generating the run (once)',
    unit: 'ms',
    sample,
    note:
      `transcript ${part(timings.transcriptMs)}, events ${part(timings.eventsMs)}, ` +
      `finish+sign ${part(timings.finishMs)}, runs.verify ${part(timings.verifyMs)}`,
  };
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(0);
}
