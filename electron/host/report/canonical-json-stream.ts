import { canonicalJson } from '../../../shared/canonical-json';
import type { ReportSink } from './report-sink';

/**
 * canonicalJson (shared/canonical-json.ts) written in pieces: the same bytes, without one string
 * of the whole value. Arrays and plain objects are opened `depth` levels down (keys sorted as
 * canonicalJson sorts them, by UTF-16 code units); below that each value is one canonicalJson
 * call. Anything canonicalJson refuses is handed to it whole, so it throws as it did (a cycle,
 * a hole, a class instance, a symbol key, undefined), only its path is relative to that value.
 */
export function writeCanonicalJson(sink: ReportSink, value: unknown, depth: number): void {
  if (depth > 0 && isDenseArray(value)) {
    writeArray(
      sink,
      value.map((item) => (inner: ReportSink) => writeCanonicalJson(inner, item, depth - 1)),
    );
    return;
  }
  if (depth > 0 && isPlainObject(value)) {
    const fields: Record<string, (inner: ReportSink) => void> = {};
    for (const key of Object.keys(value))
      fields[key] = (inner) => writeCanonicalJson(inner, value[key], depth - 1);
    writeObject(sink, fields);
    return;
  }
  sink.write(canonicalJson(value));
}

/** An object whose members write themselves, in canonical key order. */
export function writeObject(sink: ReportSink, fields: Record<string, (sink: ReportSink) => void>): void {
  // The default sort compares UTF-16 code units, as canonicalJson's does.
  const keys = Object.keys(fields).sort();
  sink.write('{');
  keys.forEach((key, index) => {
    sink.write(`${index === 0 ? '' : ','}${JSON.stringify(key)}:`);
    fields[key]!(sink);
  });
  sink.write('}');
}

/** An array of items that write themselves, or of canonical JSON texts written as they are. */
export function writeArray(sink: ReportSink, items: Iterable<string | ((sink: ReportSink) => void)>): void {
  sink.write('[');
  let first = true;
  for (const item of items) {
    if (!first) sink.write(',');
    first = false;
    if (typeof item === 'string') sink.write(item);
    else item(sink);
  }
  sink.write(']');
}

function isDenseArray(value: unknown): value is unknown[] {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (!(index in value)) return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) && Object.getOwnPropertySymbols(value).length === 0
  );
}
