import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { buildSnippet, anchorOf } from '../../../electron/host/search/snippet';
import { queryWords } from '../../../electron/host/search/search-words';
import { chunkExcerpt } from '../../../electron/host/search/transcript-excerpt';
import { decodeChunk } from '../../../electron/host/terminal/transcript/chunk-codec';
import { openDatabase } from '../../../electron/host/store/database';
import { TranscriptStore } from '../../../electron/host/terminal/transcript/transcript-store';
import { referencePlainText } from '../../support/reference-plain-text';
import { makeTempDir } from '../../support/temp-dir';

const folder = makeTempDir('handrail-excerpt-');
const db = openDatabase(join(folder.path, 'handrail.db'));
const store = new TranscriptStore(db);
afterAll(async () => {
  await store.indexer.close();
  db.close();
  folder.remove();
});

/** Stores `raw` as one session's output through the real writer; its chunks, read back. */
function record(raw: string): { chunks: Array<{ seq: number; data: Buffer }> } {
  const sessionId = randomUUID();
  store.createSession({
    id: sessionId,
    kind: 'local',
    title: 'excerpt',
    profile: '{}',
    cols: 80,
    rows: 24,
    startedAt: '2026-01-01T00:00:00.000Z',
  });
  const writer = store.writer(sessionId, (error) => {
    throw error;
  });
  writer.append(Buffer.from(raw), 0);
  writer.close();
  const chunks = db
    .prepare('SELECT seq, data, encoding FROM terminal_chunks WHERE session_id = ? ORDER BY seq')
    .all(sessionId) as Array<{ seq: number; data: Buffer; encoding: number }>;
  return {
    chunks: chunks.map((chunk) => ({ seq: chunk.seq, data: decodeChunk(chunk.data, chunk.encoding) })),
  };
}

/**
 * The snippet a full read makes: the chunk's whole text, made plain by the test's own reading
 * of the escape rules (test/support/reference-plain-text.ts), not by the product's.
 */
function fullReadSnippet(data: Buffer, words: readonly string[]) {
  return buildSnippet(referencePlainText(data.toString('utf8')), words);
}

function excerptSnippet(data: Buffer, words: readonly string[]) {
  const phrase = anchorOf(referencePlainText(data.toString('utf8')), words)?.phrase ?? false;
  return buildSnippet(chunkExcerpt(data, words, phrase), words);
}

// Words as kolla-ansible and kayobe print them, with near misses ("tok", "okay") and a word with
// diacritics, coloured whole as Ansible colours them.
const vocabulary = [
  'ok',
  'tok',
  'Ok',
  'OK',
  'okay',
  'bootstrap',
  'container',
  'changed',
  'nova',
  'Größe',
  'TASK',
];
const sgr = fc.constantFrom('\x1b[0;32m', '\x1b[1;31m', '\x1b[33m', '\x1b]0;title\x07', '\x1b[2K');
const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...vocabulary) },
  {
    weight: 2,
    arbitrary: fc.tuple(sgr, fc.constantFrom(...vocabulary)).map(([on, word]) => `${on}${word}\x1b[0m`),
  },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z]{1,12}$/) },
);
const separator = fc.constantFrom(' ', ' ', ': ', ' [', '] ', '\t', ' => ');
const line = fc
  .array(fc.tuple(token, separator), { minLength: 1, maxLength: 120 })
  .map((pairs) => pairs.map(([word, gap]) => `${word}${gap}`).join(''));
const transcript = fc
  .array(line, { minLength: 1, maxLength: 80 })
  .map((lines) => `${lines.join('\r\n')}\r\n`);
const query = fc.constantFrom(
  'ok',
  'okay',
  'bootstrap',
  'container',
  'bootstrap container',
  'nova changed',
  'größe',
  'task',
);

describe('a transcript hit is read from its chunk, a window around the words', () => {
  test('its snippet is the one a full read of the chunk makes', () => {
    fc.assert(
      fc.property(transcript, query, (raw, text) => {
        const words = queryWords(text);
        const { chunks } = record(raw);
        for (const chunk of chunks) {
          const expected = fullReadSnippet(chunk.data, words);
          expect(excerptSnippet(chunk.data, words)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a word far into a 64 KiB chunk is found and highlighted, and the window is small', () => {
    const filler = '\x1b[0;32mok: [controller-01] => (item=nova_api)\x1b[0m\r\n'.repeat(600);
    const raw = `${filler}TASK [nova : Running nova bootstrap container] ****\r\n${filler}`;
    const { chunks } = record(raw.slice(0, 60_000));
    const chunk = chunks[0];
    expect(chunk).toBeDefined();
    if (chunk === undefined) return;
    const words = queryWords('bootstrap container');
    const text = chunkExcerpt(chunk.data, words, true);
    expect(text.length).toBeLessThan(2000);
    const snippet = buildSnippet(text, words);
    expect(snippet).toEqual(fullReadSnippet(chunk.data, words));
    const [range] = snippet.highlights;
    expect(range && snippet.text.slice(range.start, range.end)).toBe('bootstrap container');
  });
});
