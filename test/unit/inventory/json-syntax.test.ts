import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../../electron/host/inventory/json-syntax';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('the JSON syntax check', () => {
  it('accepts exactly what JSON.parse accepts, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        expect(findJsonSyntaxError(JSON.stringify(value, null, pretty ? 2 : undefined))).toBeUndefined();
      }),
    );
  });

  it('agrees with JSON.parse on mangled JSON (a character dropped, doubled or replaced)', () => {
    const mangled = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', ']', '}', '"', ':', "'", 'x', ' ', '\\', '\u0001'))
      .map(([text, at, insert]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, i) + insert + text.slice(i + 1);
      });
    fc.assert(
      fc.property(mangled, (text) => {
        expect(findJsonSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('names the mistake and where it is', () => {
    expect(findJsonSyntaxError('{"a": [1, 2,]}')).toEqual({
      offset: 12,
      message: 'a trailing comma before ]',
    });
    expect(findJsonSyntaxError('{"a": 1,}')).toEqual({ offset: 8, message: 'a trailing comma before }' });
    expect(findJsonSyntaxError("{'a': 1}")?.message).toContain('double quotes');
    expect(findJsonSyntaxError('{"a" 1}')?.message).toBe('expected : after the key, found "1"');
    expect(findJsonSyntaxError('{"a": }')?.message).toBe('expected a value, found }');
    expect(findJsonSyntaxError('{"a": 1} x')?.message).toContain('after the end');
    expect(findJsonSyntaxError('[')?.message).toBe('the file ends before the JSON does');
    expect(findJsonSyntaxError('')?.message).toBe('the file ends before the JSON does');
  });

  it('handles deep nesting without recursion', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(findJsonSyntaxError(deep)).toBeUndefined();
  });
});
