import type { Attempt, CommandRecord } from '../../../shared/contract/index';
import { stepDepth, writeArray, writeCanonicalJson, writeObjectWith } from './canonical-json-stream';
import { outputJsonKey } from './output-json';
import { writeUtf8, type ReportSink } from './report-sink';

type StepLike = { key: string; attempts: Attempt[] };

/**
 * canonicalJson(step with its outputs), each finished command's output written as its JSON text
 * from `texts` (output-json.ts) instead of serialised again. A step in which any finished
 * command has no text there, or which is not made of plain objects and arrays (canonicalJson
 * would refuse it, and must be the one to), is written from `full()` by writeCanonicalJson.
 */
export function writeSplicedStep(
  sink: ReportSink,
  step: StepLike,
  texts: ReadonlyMap<string, string | Uint8Array>,
  full: () => StepLike,
): void {
  if (!splicable(step, texts)) {
    writeCanonicalJson(sink, full(), stepDepth);
    return;
  }
  writeObjectWith(sink, step, {
    attempts: (attempts) =>
      writeArray(
        attempts,
        step.attempts.map(
          (attempt) => (inner: ReportSink) =>
            writeObjectWith(inner, attempt, {
              commands: (commands) =>
                writeArray(
                  commands,
                  attempt.commands.map((record) => (item: ReportSink) => writeRecord(item, record, texts)),
                ),
            }),
        ),
      ),
  });
}

function writeRecord(
  sink: ReportSink,
  record: CommandRecord,
  texts: ReadonlyMap<string, string | Uint8Array>,
): void {
  const text = record.endedAt === null ? undefined : texts.get(outputJsonKey(record.index, record.endedAt));
  if (text === undefined) writeCanonicalJson(sink, record, 0);
  else
    writeObjectWith(sink, record, {
      output: (inner) => (typeof text === 'string' ? inner.write(text) : writeUtf8(inner, text)),
    });
}

function splicable(step: StepLike, texts: ReadonlyMap<string, string | Uint8Array>): boolean {
  if (texts.size === 0 || !plain(step) || !Array.isArray(step.attempts) || !dense(step.attempts))
    return false;
  for (const attempt of step.attempts) {
    if (!plain(attempt) || !Array.isArray(attempt.commands) || !dense(attempt.commands)) return false;
    for (const record of attempt.commands) {
      if (!plain(record) || typeof record.index !== 'number') return false;
      if (record.endedAt !== null && !texts.has(outputJsonKey(record.index, record.endedAt))) return false;
    }
  }
  return true;
}

function plain(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) && Object.getOwnPropertySymbols(value).length === 0
  );
}

function dense(items: readonly unknown[]): boolean {
  for (let index = 0; index < items.length; index++) if (!(index in items)) return false;
  return true;
}
