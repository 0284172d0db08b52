import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '../../../shared/canonical-json';

function errorOf(run: () => unknown): CanonicalJsonError {
  try {
    run();
  } catch (error) {
    if (error instanceof CanonicalJsonError) return error;
    throw error;
  }
  throw new Error('expected a CanonicalJsonError');
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    // U+1F600 is stored as the surrogates D83D DE00, which sort before U+FB01 (ﬁ); "a" < "b" < "é".
    const text = canonicalJson({ ﬁ: 1, '\u{1F600}': 2, é: 3, b: 4, a: 5, '': 6 });
    expect(text).toBe('{"":6,"a":5,"b":4,"é":3,"\u{1F600}":2,"ﬁ":1}');
  });

  it('escapes strings as JSON does, including controls and lone surrogates', () => {
    expect(canonicalJson('a"b\\c\n\t\u0000\u001f\u007f\u2028</script>')).toBe(
      '"a\\"b\\\\c\\n\\t\\u0000\\u001f\u007f\u2028</script>"',
    );
    expect(canonicalJson('\ud800x')).toBe('"\\ud800x"');
  });

  it('writes numbers in shortest round-trip form and -0 as 0', () => {
    expect(canonicalJson([0, -0, 1, -1, 1.5, 1e21, 1e-7, 2 ** 60, 0.1 + 0.2])).toBe(
      '[0,0,1,-1,1.5,1e+21,1e-7,1152921504606847000,0.30000000000000004]',
    );
  });

  it('does not depend on the order the object was built in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });

  it('matches a model serialiser for any JSON value, and round-trips', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(modelCanonical(value));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it.each([
    ['undefined in an object', { a: { b: undefined } }, '$.a.b', /undefined/],
    ['undefined in an array', [1, undefined], '$[1]', /undefined/],
    ['NaN', { steps: [{ exitCode: NaN }] }, '$.steps[0].exitCode', /NaN/],
    ['Infinity', { 'odd key': -Infinity }, '$["odd key"]', /-Infinity/],
    ['a function', { f: () => 1 }, '$.f', /function/],
    ['a symbol', { s: Symbol('x') }, '$.s', /symbol/],
    ['a bigint', { n: 1n }, '$.n', /bigint/],
    ['a Date', { at: new Date(0) }, '$.at', /Date/],
    ['a Map', { m: new Map() }, '$.m', /Map/],
    ['a sparse array', { list: sparse() }, '$.list[1]', /hole/],
    ['symbol keys', { o: { [Symbol('k')]: 1 } }, '$.o', /symbol keys/],
  ])('refuses %s and names its path', (_label, value, path, problem) => {
    const error = errorOf(() => canonicalJson(value));
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(problem);
  });

  it('refuses a cycle but accepts the same object twice side by side', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const loop: Record<string, unknown> = {};
    loop.self = { back: loop };
    expect(errorOf(() => canonicalJson(loop)).path).toBe('$.self.back');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });
});

function sparse(): number[] {
  const list = [1, 2, 3];
  delete list[1];
  return list;
}

/** The test's own model of the format, for values JSON can carry: sorted keys, no whitespace. */
function modelCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(modelCanonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${modelCanonical(record[key])}`).join(',')}}`;
}
