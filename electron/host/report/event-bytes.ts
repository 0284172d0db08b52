import type { Database } from 'better-sqlite3';
import { writeUtf8, type ReportSink } from './report-sink';

/**
 * Each event's canonical JSON as UTF-8, oldest first, read a row at a time: the text
 * EventLog.canonicalEvents gives (its canonicalEventText), with the stored payload taken as the
 * bytes SQLite holds (CAST AS BLOB) rather than decoded to a JS string and encoded back, which
 * was most of reading the log for a report (the payloads hold 65 M characters of output on the
 * 1,000-step bench run). The payload is canonicalJson of the event's payload as written, and the
 * log refuses UPDATE (migration 0003's triggers). Each is given as a writer of its three pieces
 * (written before the next row is read): joining them would copy every payload into a new buffer
 * of its own, and those copies, off V8's heap, raised `handrail report`'s peak RSS by up to 50 MB.
 */
export function* canonicalEventBytes(db: Database, runId: string): Generator<(sink: ReportSink) => void> {
  const json = JSON.stringify;
  for (const row of db
    .prepare(
      `SELECT actor, at, hash, CAST(payload AS BLOB) AS payload, prev_hash, seq, step_key, type
         FROM run_events WHERE run_id = ? ORDER BY seq`,
    )
    .iterate(runId) as IterableIterator<EventBytesRow>) {
    const head = `{"actor":${json(row.actor)},"at":${json(row.at)},"hash":${json(row.hash)},"payload":`;
    const tail = `,"prevHash":${json(row.prev_hash)},"seq":${json(row.seq)},"stepKey":${json(row.step_key)},"type":${json(row.type)}}`;
    yield (sink) => {
      sink.write(head);
      writeUtf8(sink, row.payload);
      sink.write(tail);
    };
  }
}

interface EventBytesRow {
  actor: string;
  at: string;
  hash: string;
  payload: Buffer;
  prev_hash: string;
  seq: number;
  step_key: string | null;
  type: string;
}
