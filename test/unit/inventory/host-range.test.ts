import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandHostRange } from '../../../electron/host/inventory/index';

function names(pattern: string): string[] {
  const result = expandHostRange(pattern);
  if (!result.ok) throw new Error(result.message);
  return result.names;
}

describe('host ranges', () => {
  it('numbers, with and without zero padding', () => {
    expect(names('compute[01:03]')).toEqual(['compute01', 'compute02', 'compute03']);
    expect(names('web[8:11].example.com')).toEqual([
      'web8.example.com',
      'web9.example.com',
      'web10.example.com',
      'web11.example.com',
    ]);
    expect(names('n[:2]')).toEqual(['n0', 'n1', 'n2']);
  });

  it('letters, a stride, several ranges in one name', () => {
    expect(names('node[a:f]')).toEqual(['nodea', 'nodeb', 'nodec', 'noded', 'nodee', 'nodef']);
    expect(names('x[A:E:2]')).toEqual(['xA', 'xC', 'xE']);
    expect(names('web[0:10:5]')).toEqual(['web0', 'web5', 'web10']);
    expect(names('r[1:2]-n[a:b]')).toEqual(['r1-na', 'r1-nb', 'r2-na', 'r2-nb']);
  });

  it('property: count, width and order follow the range', () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.nat(500),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 4 }),
        (a, b, stride, pad) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const width = String(to).length + pad;
          const start = pad > 0 ? String(from).padStart(width, '0') : String(from);
          const end = pad > 0 ? String(to).padStart(width, '0') : String(to);
          const expanded = names(`h[${start}:${end}:${stride}]`);
          expect(expanded).toHaveLength(Math.floor((to - from) / stride) + 1);
          expect(expanded[0]).toBe(`h${start}`);
          if (pad > 0) expect(expanded.every((n) => n.length === width + 1)).toBe(true);
          const values = expanded.map((n) => Number(n.slice(1)));
          expect(values.every((v, i) => i === 0 || v - values[i - 1]! === stride)).toBe(true);
          expect(values.at(-1)!).toBeLessThanOrEqual(to);
        },
      ),
    );
  });
});
