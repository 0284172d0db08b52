import { canonicalJson } from '../../../shared/canonical-json';
import { writeUtf8, type ReportSink } from './report-sink';

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

/**
 * How far a step is opened: step, attempts, an attempt, its commands; each command record (one
 * output) is one canonicalJson call. Opening every level wrote fewer copies but so many small
 * pieces that V8 promoted more to the old generation: `handrail report` peaked ~90 MB higher.
 */
export const stepDepth = 4;

/**
 * canonicalJson(value) written in pieces: arrays and plain objects are opened `depth` levels
 * down, so no string of those containers is built (canonicalJson joins each level's parts,
 * copying a long output once per level above it); below that, each value is one canonicalJson
 * call. Primitives, and anything canonicalJson refuses (a class instance, a hole, a symbol key,
 * a cycle), are handed to canonicalJson itself, so the bytes and the refusals are its own.
 */
export function writeCanonicalJson(
  sink: ReportSink,
  value: unknown,
  depth = Number.POSITIVE_INFINITY,
  ancestors = new Set<object>(),
): void {
  if (depth <= 0 || typeof value !== 'object' || value === null || ancestors.has(value)) {
    sink.write(canonicalJson(value));
    return;
  }
  if (Array.isArray(value) ? !isDense(value) : !isPlain(value)) {
    sink.write(canonicalJson(value));
    return;
  }
  ancestors.add(value);
  const inner = (item: unknown) => (target: ReportSink) =>
    writeCanonicalJson(target, item, depth - 1, ancestors);
  if (Array.isArray(value)) writeArray(sink, value.map(inner));
  else {
    const fields = Object.create(null) as Record<string, (sink: ReportSink) => void>;
    for (const [key, item] of Object.entries(value)) fields[key] = inner(item);
    writeObject(sink, fields);
  }
  ancestors.delete(value);
}

function isDense(items: readonly unknown[]): boolean {
  for (let index = 0; index < items.length; index++) if (!(index in items)) return false;
  return true;
}

function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) && Object.getOwnPropertySymbols(value).length === 0
  );
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

/** An array of items that write themselves, or of canonical JSON texts (or their UTF-8) written as they are. */
export function writeArray(
  sink: ReportSink,
  items: Iterable<string | Uint8Array | ((sink: ReportSink) => void)>,
): void {
  sink.write('[');
  let first = true;
  for (const item of items) {
    if (!first) sink.write(',');
    first = false;
    if (typeof item === 'string') sink.write(item);
    else if (item instanceof Uint8Array) writeUtf8(sink, item);
    else item(sink);
  }
  sink.write(']');
}
