import { canonicalJson } from '../../../shared/canonical-json';
import type { ReportSink } from './report-sink';

/**
 * canonicalJson (shared/canonical-json.ts) written in pieces: the same bytes, without one string
 * of the whole value. `object`'s members are written in canonical key order (UTF-16 code units,
 * as canonicalJson sorts), each as canonicalJson of its value unless `members` writes it (a key
 * of `members` that `object` lacks is written too). What canonicalJson refuses inside a member
 * (undefined, a cycle, a class instance) it still refuses, only its path starts at that member.
 */
export function writeObjectWith(
  sink: ReportSink,
  object: object,
  members: Record<string, (sink: ReportSink) => void> = {},
): void {
  // No prototype: an own "__proto__" key is a key like any other, as canonicalJson treats it.
  const fields = Object.create(null) as Record<string, (sink: ReportSink) => void>;
  for (const [key, value] of Object.entries(object))
    fields[key] = (inner) => inner.write(canonicalJson(value));
  writeObject(sink, { ...fields, ...members });
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
