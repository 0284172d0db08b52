import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importGuide } from '../../../electron/host/runbook/index';
import { scoreGuide, type GuideScore } from './corpus/compare';
import { readReference } from './corpus/reference-reader';
import { corpusFiles, sharedMissing } from './seeds';

const files = corpusFiles().filter((f) => !f.name.endsWith('.sh'));
const totals = { guides: 0, blocks: 0, commands: 0, exact: 0, warned: 0, wrong: 0, stray: 0, unledgered: 0 };
const perGuide: string[] = [];

describe.skipIf(sharedMissing !== undefined)(
  'the real guide corpus (../shared/guides, ../shared/seeds)',
  () => {
    it.each(files)(
      '$name: every shell command exact or warned, every block in the ledger',
      ({ name, path }) => {
        const text = readFileSync(path, 'utf8');
        const review = importGuide(text, name);
        const score = scoreGuide(review, readReference(text, name), /\.rst$/.test(name));
        record(name, score);
        const wrong = score.wrongBlocks.map(
          (v) => `${name}:${v.block.start}\n  expected: ${v.expected}\n  actual:   ${v.actual}`,
        );
        expect(wrong).toEqual([]);
        expect(score.strayCommands.map((c) => `${name}:${c.source?.line}: ${c.text}`)).toEqual([]);
      },
    );

    afterAll(() => {
      const pct = totals.commands === 0 ? 100 : (100 * totals.exact) / totals.commands;
      console.log(perGuide.join('\n'));
      console.log(
        `corpus: ${totals.guides} guides, ${totals.blocks} blocks, ${totals.commands} commands, ` +
          `${totals.exact} exact (${pct.toFixed(1)} %), ${totals.warned} blocks warned, ${totals.wrong} wrong, ` +
          `${totals.stray} stray runnable, ${totals.unledgered} blocks not in the ledger`,
      );
    });
  },
);

function record(name: string, score: GuideScore): void {
  totals.guides += 1;
  totals.blocks += score.blocks;
  totals.commands += score.commands;
  totals.exact += score.exactCommands;
  totals.warned += score.warnedBlocks;
  totals.wrong += score.wrongBlocks.length;
  totals.stray += score.strayCommands.length;
  totals.unledgered += score.notInLedger.length;
  perGuide.push(
    `  ${name}: ${score.blocks} blocks, ${score.commands} commands, ${score.exactCommands} exact, ` +
      `${score.warnedBlocks} warned, ${score.wrongBlocks.length} wrong, ${score.strayCommands.length} stray, ` +
      `${score.notInLedger.length} not in ledger`,
  );
}
