import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/canonical-json';
import { Base64Sink } from '../../../electron/host/report/base64-sink';
import { writeCanonicalJson, writeObjectWith } from '../../../electron/host/report/canonical-json-stream';
import { FileSink, writeToFile } from '../../../electron/host/report/file-sink';
import { joinedWriter, rendered, StringSink } from '../../../electron/host/report/report-sink';
import { makeTempDir } from '../../support/temp-dir';

/** A deterministic pseudo-random sequence (the failures must be reproducible). */
function randomOf(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Text with ASCII, 2- and 3-byte characters, emoji (surrogate pairs) and lone surrogates. */
const alphabet = [
  'a',
  'Z',
  ' ',
  '\n',
  '"',
  '\\',
  'é',
  'ß',
  '€',
  '日',
  '😀',
  '🏳️‍🌈',
  '\ud800',
  '\udfff',
  '\u0000',
  '\u001b',
];
function randomText(random: () => number, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

/** The text cut at random places, surrogate pairs included (a sink must not depend on where). */
function randomPieces(random: () => number, text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  while (from < text.length) {
    const length = 1 + Math.floor(random() * 40);
    pieces.push(text.slice(from, from + length));
    from += length;
  }
  return pieces;
}

describe('writeObjectWith', () => {
  const values: object[] = [
    {},
    { z: 1, a: { y: [1, 2, { c: null, b: 'x' }], x: {} }, é: 2, B: 3, '': 4, '😀': 5, '\uffff': 6 },
    { text: 'text \ud800 lone', n: -0, big: 1e21, small: 0.1, yes: true },
    Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
    JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as object,
    { steps: [{ key: 's1', attempts: [{ commands: [{ output: 'out\u001b[31m' }] }] }], notes: [] },
  ];

  it('gives canonicalJson bytes', () => {
    for (const value of values)
      expect(rendered((sink) => writeObjectWith(sink, value))).toBe(canonicalJson(value));
  });

  it('writes members given in canonical order, in place of the values or beside them', () => {
    const written = rendered((sink) =>
      writeObjectWith(
        sink,
        { b: 1, a: 2 },
        { c: (inner) => inner.write('[1]'), a: (inner) => writeObjectWith(inner, { y: 1, x: [2] }) },
      ),
    );
    expect(written).toBe(canonicalJson({ a: { x: [2], y: 1 }, b: 1, c: [1] }));
  });

  it('refuses what canonicalJson refuses', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { back: cycle };
    const refused: object[] = [{ a: undefined }, { a: Number.NaN }, { when: new Date(0) }, cycle];
    for (const value of refused) {
      expect(() => canonicalJson(value)).toThrow();
      expect(() => rendered((sink) => writeObjectWith(sink, value))).toThrow(/canonical JSON/);
    }
  });
});

describe('writeCanonicalJson', () => {
  const shared = { same: 'object twice, not a cycle' };
  const values: unknown[] = [
    null,
    true,
    -0,
    1e21,
    'text \ud800 lone',
    [],
    {},
    [[], {}, [1, [2, [3, { b: 1, a: [4] }]]]],
    { z: 1, a: { y: [1, 2, { c: null, b: 'x' }], x: {} }, é: 2, B: 3, '': 4, '😀': 5, '\uffff': 6 },
    Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
    JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as object,
    [shared, { shared }],
  ];

  it('gives canonicalJson bytes, however deep it opens the value', () => {
    for (const value of values)
      for (const depth of [0, 1, 2, 3, 4, Number.POSITIVE_INFINITY])
        expect(rendered((sink) => writeCanonicalJson(sink, value, depth))).toBe(canonicalJson(value));
  });

  it('refuses what canonicalJson refuses', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { back: [cycle] };
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , 3];
    const refused: unknown[] = [
      { a: undefined },
      [1, Number.NaN],
      { when: new Date(0) },
      { list: sparse },
      cycle,
      { [Symbol('s')]: 1, a: 2 },
    ];
    for (const value of refused) {
      expect(() => canonicalJson(value)).toThrow();
      for (const depth of [0, 2, Number.POSITIVE_INFINITY])
        expect(() => rendered((sink) => writeCanonicalJson(sink, value, depth))).toThrow(/canonical JSON/);
    }
  });
});

describe('Base64Sink', () => {
  it('joins into the whole text’s base64, wherever the pieces and batches end', () => {
    const random = randomOf(16);
    for (let round = 0; round < 200; round++) {
      const text = randomText(random, Math.floor(random() * 300));
      const target = new StringSink();
      const base64 = new Base64Sink(target, 1 + Math.floor(random() * 50));
      for (const piece of randomPieces(random, text)) base64.write(piece);
      base64.end();
      expect(target.text()).toBe(Buffer.from(text, 'utf8').toString('base64'));
    }
  });
});

describe('FileSink', () => {
  it('writes the whole text’s UTF-8 bytes, wherever the pieces and batches end', () => {
    const dir = makeTempDir('handrail-file-sink-');
    try {
      const random = randomOf(4);
      for (let round = 0; round < 100; round++) {
        const text = randomText(random, Math.floor(random() * 300));
        const path = join(dir.path, `report-${round}`);
        const sink = new FileSink(path, 1 + Math.floor(random() * 200));
        for (const piece of randomPieces(random, text)) sink.write(piece);
        sink.close();
        expect(readFileSync(path).equals(Buffer.from(text, 'utf8'))).toBe(true);
      }
    } finally {
      dir.remove();
    }
  });

  it('leaves no file behind when the report fails half-way', () => {
    const dir = makeTempDir('handrail-file-sink-');
    try {
      const path = join(dir.path, 'report.html');
      expect(() =>
        writeToFile(path, (sink) => {
          sink.write('x'.repeat(1 << 19));
          throw new Error('the run went away');
        }),
      ).toThrow('the run went away');
      expect(existsSync(path)).toBe(false);
    } finally {
      dir.remove();
    }
  });
});

describe('joinedWriter', () => {
  it('writes what join gives', () => {
    for (const items of [[], [''], ['', ''], ['a', '', 'b', ''], ['one']]) {
      const sink = new StringSink();
      const write = joinedWriter(sink, '\n');
      for (const item of items) write(item);
      expect(sink.text()).toBe(items.join('\n'));
    }
  });
});
