import { canonicalJson } from '../../../shared/canonical-json';
import type { RunEvent } from '../../../shared/contract/index';
import type { RunBundle } from './run-bundle';
import { writeArray, writeCanonicalJson, writeObject } from './canonical-json-stream';
import type { ReportSink } from './report-sink';

/**
 * What a report is written from: the bundle without its event log, and the log as a stream.
 * A local run's log is read from SQLite one row at a time, each event's canonical JSON being its
 * stored text (EventLog.canonicalEvents), so the report holds no event in memory but the few the
 * model reads (deviations.ts), and each output excerpt once (in the run's state). A bundle in
 * memory (an imported run, a report being verified) gives the same bytes through the same writer.
 */
export interface ReportRecord {
  bundle: Omit<RunBundle, 'events'>;
  /** The events the report model reads: those of the types deviations.ts reads, in order. */
  modelEvents: readonly RunEvent[];
  /** Each event's canonical JSON, oldest first. Read once, synchronously, per report. */
  eventTexts(): Iterable<string>;
}

export function recordOfBundle(whole: RunBundle): ReportRecord {
  const { events, ...bundle } = whole;
  return { bundle, modelEvents: events, eventTexts: () => canonicalTexts(events) };
}

function* canonicalTexts(events: readonly RunEvent[]): Generator<string> {
  for (const event of events) yield canonicalJson(event);
}

/**
 * canonicalJson of the whole bundle, in pieces: the state a step at a time (`run` opened two
 * levels: its header, notes and steps), the events as their canonical texts.
 */
export function writeBundleJson(sink: ReportSink, record: ReportRecord): void {
  const fields: Record<string, (inner: ReportSink) => void> = {};
  for (const [key, value] of Object.entries(record.bundle))
    fields[key] = (inner) => writeCanonicalJson(inner, value, key === 'run' ? 2 : 0);
  fields.events = (inner) => writeArray(inner, record.eventTexts());
  writeObject(sink, fields);
}
