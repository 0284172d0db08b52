import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  importGuide,
  lintRunbook,
  parseRunbook,
  RunbookInputError,
  serializeRunbook,
} from '../../../electron/host/runbook/index';
import type { GuideFormat } from '../../../shared/runbook/index';
import { readSeed, seedNames, sharedMissing } from './seeds';

// Mutations start from the seed guides; without ../shared only the random-input tests run.
const seeds = sharedMissing === undefined ? seedNames.map((name) => readSeed(name).toString('utf8')) : [''];
const withSeeds = it.skipIf(sharedMissing !== undefined);
const formats: GuideFormat[] = ['markdown', 'restructuredtext', 'runbook'];

/** Only the documented error may escape; anything else is a bug in a parser. */
function onlyInputErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof RunbookInputError)) throw error;
    expect(error.line).toBeGreaterThan(0);
  }
}

/** A seed guide cut, spliced and sprinkled with Markdown/rST syntax. */
const mutatedSeed = fc
  .record({
    seed: fc.constantFrom(...seeds),
    start: fc.nat(),
    length: fc.nat({ max: 4000 }),
    inserts: fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom(
          '```',
          '~~~',
          '\n## ',
          '\n### ',
          '{#x kind=wait}',
          ':::warning\n',
          '.. code-block:: console\n',
          '\n====\n',
          '|v|',
          '---\n',
          '\u0000',
          '> [!NOTE]\n',
          '<Tabs>',
          '</details>',
          '\t- ',
          '$ ',
        ),
      ),
      { maxLength: 8 },
    ),
  })
  .map(({ seed, start, length, inserts }) => {
    let text = seed.slice(start % seed.length, (start % seed.length) + length);
    for (const [at, piece] of inserts) {
      const i = text.length === 0 ? 0 : at % text.length;
      text = text.slice(0, i) + piece + text.slice(i);
    }
    return text;
  });

describe('parsers on random and mutated input', () => {
  withSeeds('importGuide throws nothing but RunbookInputError, in every format', () => {
    fc.assert(
      fc.property(mutatedSeed, fc.constantFrom(...formats), (text, format) => {
        onlyInputErrors(() => importGuide(text, 'fuzz.txt', format));
      }),
      { numRuns: 150, seed: 20261121 },
    );
  });

  it('random text and bytes: nothing but RunbookInputError from any entry point', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.uint8Array({ maxLength: 400 })), (input) => {
        onlyInputErrors(() => importGuide(input, 'r.md'));
        onlyInputErrors(() => importGuide(input, 'r.rst'));
        onlyInputErrors(() => parseRunbook(input, 'r.md'));
        lintRunbook(input, 'r.md');
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  withSeeds('whatever an import produces serializes into a file that parses back equal', () => {
    fc.assert(
      fc.property(mutatedSeed, (text) => {
        let runbook;
        try {
          runbook = importGuide(text, 'fuzz.md', 'markdown').runbook;
        } catch (error) {
          if (error instanceof RunbookInputError) return;
          throw error;
        }
        const again = parseRunbook(serializeRunbook(runbook), 'fuzz.md');
        expect(stripSources(again)).toEqual(stripSources(runbook));
      }),
      { numRuns: 60, seed: 99 },
    );
  });

  it('pathological shapes finish quickly (bounded work)', () => {
    const inputs = [
      '`'.repeat(20_000),
      '*'.repeat(20_000),
      '[a]('.repeat(5_000),
      ':a:`'.repeat(5_000),
      '|x'.repeat(10_000),
      `${'- '.repeat(2_000)}x`,
      `sleep 1\n`.repeat(3_000),
      `$ ${'a'.repeat(20_000)}`,
    ];
    for (const text of inputs) {
      for (const format of formats) onlyInputErrors(() => importGuide(text, 'p.txt', format));
    }
  }, 20_000);
});

function stripSources(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'source' ? undefined : v)));
}
