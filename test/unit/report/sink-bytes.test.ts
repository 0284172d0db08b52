import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Base64Sink } from '../../../electron/host/report/base64-sink';
import { FileSink } from '../../../electron/host/report/file-sink';
import { rendered, writeUtf8, type ReportSink } from '../../../electron/host/report/report-sink';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Pieces given as UTF-8 bytes (writeBytes: stored payloads) mixed with pieces given as strings
 * must give the bytes of the whole text encoded at once, wherever they fall: next to a lone high
 * surrogate held back from the string before, across base64's 3-byte groups, past a small buffer.
 */
const pieces = ['a', 'é日', '🚀', 'tail \ud83d', '"x"', '', 'ß', '\ude80 lone low', 'z'.repeat(40)];

function cases(seed: number): Array<string | Uint8Array> {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296;
  return Array.from({ length: 1 + Math.floor(next() * 10) }, () => {
    const text = pieces[Math.floor(next() * pieces.length)]!;
    // Bytes are whole characters: a piece with a lone surrogate stays a string.
    return next() < 0.5 && !/[\ud800-\udfff]/u.test(text) ? Buffer.from(text) : text;
  });
}

function feed(sink: ReportSink, items: Array<string | Uint8Array>): void {
  for (const item of items)
    if (typeof item === 'string') sink.write(item);
    else writeUtf8(sink, item);
}

function whole(items: Array<string | Uint8Array>): string {
  return items.map((item) => (typeof item === 'string' ? item : Buffer.from(item).toString('utf8'))).join('');
}

describe('sinks given UTF-8 bytes', () => {
  it('Base64Sink gives the whole text’s base64', () => {
    for (let seed = 1; seed < 400; seed++) {
      const items = cases(seed);
      const text = rendered((target) => {
        const sink = new Base64Sink(target, 1 + (seed % 7));
        feed(sink, items);
        sink.end();
      });
      expect(text, String(seed)).toBe(Buffer.from(whole(items), 'utf8').toString('base64'));
    }
  });

  it('FileSink writes the whole text’s UTF-8', () => {
    const dir = makeTempDir('handrail-sink-bytes-');
    try {
      for (let seed = 1; seed < 200; seed++) {
        const items = cases(seed);
        const path = join(dir.path, 'out');
        const sink = new FileSink(path, 4 + (seed % 60));
        feed(sink, items);
        sink.close();
        expect(readFileSync(path).equals(Buffer.from(whole(items), 'utf8')), String(seed)).toBe(true);
      }
    } finally {
      dir.remove();
    }
  });

  it('a string sink decodes them', () => {
    const items = cases(3);
    expect(rendered((sink) => feed(sink, items))).toBe(whole(items));
  });
});
