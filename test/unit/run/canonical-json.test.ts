import fc from 'fast-check';
import { expect, test } from 'vitest';
import { canonicalJson } from '../../../electron/host/run/canonical-json';

test('keys are sorted at every depth, with no spaces', () => {
  expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
    '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
  );
});

test('undefined members are left out as JSON.stringify does; unrepresentable values are refused', () => {
  expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a/);
  expect(() => canonicalJson({ a: [Infinity] })).toThrow(/\$\.a\[0\]/);
  expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  expect(() => canonicalJson(10n)).toThrow(/bigint/);
});

test('strings are escaped as JSON; key order sorts by code unit', () => {
  expect(canonicalJson({ é: 1, Z: 2, a: 3, '\n': 'a"b' })).toBe('{"\\n":"a\\"b","Z":2,"a":3,"é":1}');
});

test('the same value in any key order has one form, and it parses back to the value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      expect(canonicalJson(JSON.parse(text))).toBe(text);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
    }),
  );
});
