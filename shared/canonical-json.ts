/**
 * Canonical JSON: one byte-exact serialisation per value, so that a hash or a signature over it
 * means the same thing on every machine and in every process. It follows the rules of RFC 8785
 * (JSON Canonicalization Scheme) for the values Handrail records: object keys sorted by UTF-16
 * code units, no whitespace, strings escaped as JSON.stringify escapes them (ECMAScript's
 * well-formed stringify, so a lone surrogate becomes a \u escape) and numbers in ECMAScript's
 * shortest round-trip form (-0 becomes 0).
 *
 * It lives in shared/ because both the host (event-log hash chain, signed payloads) and the
 * renderer (showing the exact signed payload) need the same bytes, and it needs nothing but
 * the language.
 *
 * Anything JSON cannot carry exactly is refused rather than silently changed: undefined, NaN,
 * Infinity, functions, symbols, bigints, sparse arrays, cycles and objects other than plain
 * objects and arrays (Date, Map, Buffer, class instances: convert them first). The error names
 * the path of the offending value, e.g. `$.steps[3].exitCode`.
 */

export type CanonicalJsonValue =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalJsonValue[]
  | { readonly [key: string]: CanonicalJsonValue };

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`canonical JSON: ${path} ${problem}`);
    this.path = path;
  }
}

/** The canonical JSON text of `value`; throws CanonicalJsonError naming the path of a bad value. */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', new Set());
}

function serialise(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new CanonicalJsonError(path, `is ${String(value)}, not a finite number`);
      // JSON.stringify gives ECMAScript's shortest round-trip form and turns -0 into 0.
      return JSON.stringify(value);
    case 'object':
      return serialiseContainer(value, path, ancestors);
    case 'undefined':
      throw new CanonicalJsonError(path, 'is undefined (omit the key or use null)');
    default:
      throw new CanonicalJsonError(path, `is a ${typeof value}, which JSON cannot represent`);
  }
}

function serialiseContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new CanonicalJsonError(path, 'refers back to itself (a cycle)');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return serialiseArray(value, path, ancestors);
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'non-plain object';
      throw new CanonicalJsonError(path, `is a ${kind}; only plain objects and arrays are allowed`);
    }
    return serialiseObject(value as Record<string, unknown>, path, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function serialiseArray(items: readonly unknown[], path: string, ancestors: Set<object>): string {
  const parts: string[] = [];
  for (let index = 0; index < items.length; index++) {
    const itemPath = `${path}[${index}]`;
    if (!(index in items)) throw new CanonicalJsonError(itemPath, 'is a hole in a sparse array');
    parts.push(serialise(items[index], itemPath, ancestors));
  }
  return `[${parts.join(',')}]`;
}

function serialiseObject(object: Record<string, unknown>, path: string, ancestors: Set<object>): string {
  if (Object.getOwnPropertySymbols(object).length > 0)
    throw new CanonicalJsonError(path, 'has symbol keys, which JSON cannot represent');
  // The default sort compares UTF-16 code units, the order RFC 8785 prescribes.
  const keys = Object.keys(object).sort();
  const parts = keys.map(
    (key) => `${JSON.stringify(key)}:${serialise(object[key], childPath(path, key), ancestors)}`,
  );
  return `{${parts.join(',')}}`;
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
