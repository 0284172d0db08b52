import type { Database } from 'better-sqlite3';

/**
 * A step's finished commands' outputs as JSON text (JSON.stringify of each, which is what
 * canonicalJson writes for a string), keyed by outputJsonKey, cut from their command.finished
 * events' stored payloads. The payload was written as canonicalJson of the event's payload and
 * the log refuses UPDATE (migration 0003's triggers); the reducer copies `payload.output` into
 * the command's record unchanged, and a report of a run not open reads it back from the same
 * payload (EventLog.withOutputs). So the cut text is the record's output serialised, without
 * JSON.stringify going over 64 KiB of mostly two-byte text again (14 % of an HTML export). The
 * payload is read as its UTF-8 bytes (CAST AS BLOB) and the cut stays bytes: decoding it to a JS
 * string only to encode it back cost as much as the serialising it replaced.
 */
export type OutputJson = (stepKey: string) => ReadonlyMap<string, string | Uint8Array>;

export function outputJsonKey(index: number, endedAt: string): string {
  return `${index}\u0000${endedAt}`;
}

/** `asText`: the payloads are read as JS strings and the cuts are strings (ReportService says when). */
export function outputJsonOf(db: Database, runId: string, { asText = false } = {}): OutputJson {
  const statement = db.prepare(
    `SELECT at, ${asText ? 'payload' : 'CAST(payload AS BLOB) AS payload'}
       FROM run_events WHERE run_id = ? AND step_key = ? AND type = 'command.finished'`,
  );
  return (stepKey) => {
    const texts = new Map<string, string | Uint8Array>();
    for (const row of statement.iterate(runId, stepKey) as IterableIterator<{
      at: string;
      payload: Buffer | string;
    }>) {
      const cut = typeof row.payload === 'string' ? outputText(row.payload) : outputText(row.payload);
      if (cut !== undefined) texts.set(outputJsonKey(cut.index, row.at), cut.text);
    }
    return texts;
  };
}

const outputKey = '"output":"';
const nextKey = '","outputTruncated":';

/**
 * The payload's top-level `index` and the text of its `output` string, or undefined when it cannot be told for
 * certain (the caller then serialises the record's output itself). Inside a JSON string every
 * quote is escaped, so neither `"output":"` nor `","outputTruncated":` can occur in one: the first
 * `"output":"` is a key, and at the top level when nothing before it opens a container (the keys
 * sorting before it hold numbers and short strings); the output string then ends at the first
 * `","outputTruncated":`, the key that sorts straight after it in every command.finished.
 * (json_extract of the index cost SQLite a parse of every 64 KiB payload.)
 */
export function outputText(payload: Buffer): { index: number; text: Uint8Array } | undefined;
export function outputText(payload: string): { index: number; text: string } | undefined;
export function outputText(
  payload: Buffer | string,
): { index: number; text: Uint8Array | string } | undefined {
  const key = payload.indexOf(outputKey);
  const first = typeof payload === 'string' ? payload.charCodeAt(0) : payload[0];
  if (key < 0 || first !== 0x7b) return undefined;
  // Latin-1 keeps every ASCII byte itself; a multi-byte character's bytes are all >= 0x80, so
  // none reads as a brace, bracket, quote, comma or digit.
  const before = typeof payload === 'string' ? payload.slice(1, key) : payload.toString('latin1', 1, key);
  if (before.includes('{') || before.includes('[')) return undefined;
  const index = /(?:^|,)"index":(0|[1-9][0-9]{0,8}),/.exec(before);
  const start = key + outputKey.length - 1;
  const end = payload.indexOf(nextKey, start);
  if (index === null || end < 0) return undefined;
  const text = typeof payload === 'string' ? payload.slice(start, end + 1) : payload.subarray(start, end + 1);
  return { index: Number(index[1]), text };
}
