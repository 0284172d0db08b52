import { canonicalJson } from '../../../shared/canonical-json';
import type { Attempt, RunEvent } from '../../../shared/contract/index';
import type { RunBundle } from './run-bundle';
import { stepDepth, writeArray, writeCanonicalJson, writeObjectWith } from './canonical-json-stream';
import type { OutputJson } from './output-json';
import type { ReportSink } from './report-sink';
import { writeSplicedStep } from './spliced-step-json';

/**
 * What a report is written from: the bundle without its event log, and the log as a stream.
 * A local run's log is read from SQLite one row at a time, each event's canonical JSON being its
 * stored text (EventLog.canonicalEvents), so the report holds no event in memory but the few the
 * model reads (deviations.ts), and each output excerpt once (in the run's state). A bundle in
 * memory (an imported run, a report being verified) gives the same bytes through the same writer.
 */
export interface ReportRecord {
  /** The state's finished commands have no output when `withOutputs` is given. */
  bundle: Omit<RunBundle, 'events'>;
  /** A step (the state's, the model's) with its outputs, read as it is written; absent: they are in it. */
  withOutputs?: WithOutputs;
  /** A step's finished outputs as JSON text cut from their events (a local run); absent: serialised. */
  outputJson?: OutputJson;
  /** The events the report model reads: those of the types deviations.ts reads, in order. */
  modelEvents: readonly RunEvent[];
  /** Each event's canonical JSON (or a writer of it), oldest first. Read once, synchronously, per report. */
  eventTexts(): Iterable<string | ((sink: ReportSink) => void)>;
}

export function recordOfBundle(whole: RunBundle): ReportRecord {
  const { events, ...bundle } = whole;
  return { bundle, modelEvents: events, eventTexts: () => canonicalTexts(events) };
}

function* canonicalTexts(events: readonly RunEvent[]): Generator<string> {
  for (const event of events) yield canonicalJson(event);
}

export type WithOutputs = <T extends { key: string; attempts: Attempt[] }>(step: T) => T;

/** The record's steps as written: each with its outputs, one at a time. */
export function outputsOf(record: ReportRecord): WithOutputs {
  return record.withOutputs ?? ((step) => step);
}

/**
 * canonicalJson of the whole bundle, in pieces: the state a step at a time, with its outputs
 * (their JSON text cut from their events when the record can, output-json.ts), and the events as
 * their canonical texts.
 */
export function writeBundleJson(sink: ReportSink, record: ReportRecord): void {
  const { run } = record.bundle;
  const full = outputsOf(record);
  writeObjectWith(sink, record.bundle, {
    events: (inner) => writeArray(inner, record.eventTexts()),
    run: (inner) =>
      writeObjectWith(inner, run, {
        steps: (steps) =>
          writeArray(
            steps,
            run.steps.map((step) => (item: ReportSink) => {
              const texts = record.outputJson?.(step.key);
              if (texts === undefined) writeCanonicalJson(item, full(step), stepDepth);
              else writeSplicedStep(item, step, texts, () => full(step));
            }),
          ),
      }),
  });
}
