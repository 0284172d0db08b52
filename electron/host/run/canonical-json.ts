/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units (as JavaScript's default
 * sort orders them), no spaces, strings and numbers as JSON.stringify writes them. Keys whose
 * value is undefined are left out (as JSON.stringify does), so a value and its stored JSON text
 * hash the same. Values JSON cannot represent (NaN, Infinity, functions, bigint) are refused
 * rather than silently changed, because a hash over a changed value would not verify later.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? writeArray(value, path) : writeObject(value as object, path);
    default:
      throw new TypeError(`${path}: a ${typeof value} has no JSON form`);
  }
}

function writeArray(items: readonly unknown[], path: string): string {
  // JSON.stringify writes undefined array items as null; so do we.
  return `[${items.map((item, index) => (item === undefined ? 'null' : write(item, `${path}[${index}]`))).join(',')}]`;
}

function writeObject(object: object, path: string): string {
  const entries = Object.entries(object)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${write(item, `${path}.${key}`)}`).join(',')}}`;
}
