import { canonicalJson } from '../../../shared/canonical-json';
import { BundleError, parseBundle, type RunBundle } from './run-bundle';
import { Base64Sink } from './base64-sink';
import {
  stepDepth,
  writeArray,
  writeCanonicalJson,
  writeObject,
  writeObjectWith,
} from './canonical-json-stream';
import { buildReportModel, type ReportModel, type ReportSignoff } from './report-model';
import { writeHtmlReport } from './report-html';
import { writeMarkdownReport } from './report-markdown';
import {
  outputsOf,
  recordOfBundle,
  writeBundleJson,
  type ReportRecord,
  type WithOutputs,
} from './report-record';
import { rendered, type ReportSink } from './report-sink';
import { reportSeal } from './report-seal-builder';
import { earlierReportJsonFormats, reportGenerator, reportJsonFormat } from './report-format';

/**
 * The four report forms from one bundle. Rendering is deterministic (the model's time is the
 * bundle's export time), so a verifier can render the report again from the record embedded in
 * it and compare: a report whose visible text was edited no longer matches.
 */
export type ReportFormat = 'html' | 'markdown' | 'json';
const bundleOpen = '<pre id="handrail-bundle">';
const bundleClose = '</pre>';

export function reportModelOf(bundle: RunBundle): ReportModel {
  return modelOfRecord(recordOfBundle(bundle));
}

function modelOfRecord(record: ReportRecord): ReportModel {
  const { bundle } = record;
  return buildReportModel({
    detail: bundle.run,
    events: record.modelEvents,
    signoffs: signoffsOf(bundle),
    review: bundle.review ?? [],
    now: new Date(bundle.exportedAt),
  });
}

/** The report as one string: the RPC answer, and what `handrail verify` compares a report with. */
export function renderReport(bundle: RunBundle, format: ReportFormat): string {
  return rendered((sink) => writeReport(sink, recordOfBundle(bundle), format));
}

/**
 * The report written piece by piece (a file, or a string): the same bytes either way. The JSON
 * form is canonicalJson({format, report, bundle}) and the HTML embeds base64(canonicalJson(bundle)),
 * both written in pieces (canonical-json-stream.ts) in the order canonicalJson puts them.
 */
export function writeReport(sink: ReportSink, record: ReportRecord, format: ReportFormat): void {
  const model = modelOfRecord(record);
  if (format === 'json') {
    writeObject(sink, {
      bundle: (inner) => writeBundleJson(inner, record),
      format: (inner) => inner.write(canonicalJson(reportJsonFormat)),
      report: (inner) => writeModelJson(inner, model, outputsOf(record)),
    });
    sink.write('\n');
    return;
  }
  const seal = reportSeal(record.bundle, format);
  const full = outputsOf(record);
  if (format === 'markdown') writeMarkdownReport(sink, model, seal, full);
  else writeHtmlReport(sink, model, seal, full, (inner) => embedRecord(inner, record));
}

/** canonicalJson of the model, a step (with its outputs) at a time. */
function writeModelJson(sink: ReportSink, model: ReportModel, full: WithOutputs): void {
  writeObjectWith(sink, model, {
    phases: (phases) =>
      writeArray(
        phases,
        model.phases.map(
          (phase) => (inner: ReportSink) =>
            writeObjectWith(inner, phase, {
              steps: (steps) =>
                writeArray(
                  steps,
                  phase.steps.map(
                    (step) => (item: ReportSink) => writeCanonicalJson(item, full(step), stepDepth),
                  ),
                ),
            }),
        ),
      ),
  });
}

/** The bundle's canonical JSON as base64, for `handrail verify` to read back. */
function embedRecord(sink: ReportSink, record: ReportRecord): void {
  sink.write(
    `<details class="record"><summary>Machine-readable record (read by <code>handrail verify</code>)</summary>\n${bundleOpen}\n`,
  );
  const base64 = new Base64Sink(sink);
  writeBundleJson(base64, record);
  base64.end();
  sink.write(`\n${bundleClose}\n</details>`);
}

/** Finds the bundle inside a bundle file, a JSON report or an HTML report. */
export interface ExtractedBundle {
  bundle: RunBundle;
  format: ReportFormat | 'bundle';
  /** The report was written in an earlier form than this Handrail writes (see report-format.ts). */
  earlierForm?: string;
}

export function extractBundle(text: string, fileName = 'file'): ExtractedBundle {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const value = parseJson(text, fileName) as { format?: unknown; bundle?: unknown };
    const format = typeof value.format === 'string' ? value.format : '';
    if (format === reportJsonFormat || earlierReportJsonFormats.includes(format))
      return {
        bundle: parseBundle(JSON.stringify(value.bundle), `${fileName}: bundle`),
        format: 'json',
        ...(format === reportJsonFormat ? {} : { earlierForm: format }),
      };
    return { bundle: parseBundle(text, fileName), format: 'bundle' };
  }
  const start = text.indexOf(bundleOpen);
  if (start < 0)
    throw new BundleError(`${fileName}: no Handrail record in it (not a Handrail report or bundle)`);
  const end = text.indexOf(bundleClose, start);
  const base64 = text.slice(start + bundleOpen.length, end).trim();
  const current = text.includes(`<meta name="generator" content="${reportGenerator}">`);
  return {
    bundle: parseBundle(Buffer.from(base64, 'base64').toString('utf8'), `${fileName}: embedded record`),
    format: 'html',
    ...(current ? {} : { earlierForm: 'an HTML report without this version’s generator mark' }),
  };
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BundleError(`${fileName}: not JSON (${(error as Error).message})`);
  }
}

function signoffsOf(bundle: ReportRecord['bundle']): ReportSignoff[] {
  const signed: ReportSignoff[] = bundle.signatures.map((signature) => ({
    name: signature.name,
    role: signature.role,
    at: signature.at,
    kind: signature.kind,
    stepKey: signature.stepKey,
    fingerprint: signature.fingerprint,
    signed: true,
  }));
  // A gate signed in the run but not (yet) with a key still shows who passed it.
  const gates = bundle.run.steps.flatMap((step) =>
    step.signoff === null || signed.some((signoff) => signoff.kind === 'gate' && signoff.stepKey === step.key)
      ? []
      : [{ ...step.signoff, kind: 'gate', stepKey: step.key, fingerprint: null, signed: false }],
  );
  return [...gates, ...signed];
}
