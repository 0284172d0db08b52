import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Runbook } from '../../../shared/runbook/index';
import { importGuide, parseRunbook, serializeRunbook } from '../../../electron/host/runbook/index';
import { normaliseActual, runnableCommands, scoreGuide, type GuideScore } from './corpus/compare';
import { readReference } from './corpus/reference-reader';
import { normaliseScriptCommand, scriptCommands } from './corpus/script-reference';
import { corpusFiles, sharedMissing } from './seeds';

const all = corpusFiles();
const documents = all.filter((f) => !f.name.endsWith('.sh'));
const scripts = all.filter((f) => f.name.endsWith('.sh'));
const totals = {
  guides: 0,
  blocks: 0,
  commands: 0,
  exact: 0,
  warned: 0,
  wrong: 0,
  stray: 0,
  unledgered: 0,
  ledger: 0,
  unexplained: 0,
  warnings: 0,
  roundTrips: 0,
};
const perGuide: string[] = [];

describe.skipIf(sharedMissing !== undefined)(
  'the real guide corpus (../shared/guides, ../shared/seeds)',
  () => {
    it.each(documents)(
      '$name: every shell command exact or warned, every block in the ledger, round trip unchanged',
      ({ name, path }) => {
        const text = readFileSync(path, 'utf8');
        const review = importGuide(text, name);
        const score = scoreGuide(review, readReference(text, name), /\.rst$/.test(name));
        const roundTrip = roundTrips(review.runbook, name);
        record(name, score, review.ledger, review.warnings.length, roundTrip);
        const wrong = score.wrongBlocks.map(
          (v) => `${name}:${v.block.start}\n  expected: ${v.expected}\n  actual:   ${v.actual}`,
        );
        expect(wrong).toEqual([]);
        expect(score.strayCommands.map((c) => `${name}:${c.source?.line}: ${c.text}`)).toEqual([]);
        expect(score.notInLedger.map((v) => `${name}:${v.block.start}`)).toEqual([]);
        expect(review.ledger.filter((e) => e.outcome === 'unexplained')).toEqual([]);
        expect(roundTrip).toBe(true);
      },
    );

    it.each(scripts)("$name: the runnable commands are the script's top-level commands", ({ name, path }) => {
      const text = readFileSync(path, 'utf8');
      const review = importGuide(text, name);
      expect(review.format).toBe('shell');
      const expected = scriptCommands(text).map((c) => normaliseScriptCommand(c.text));
      const actual = runnableCommands(review.runbook).map((l) => normaliseActual(l.command.text));
      expect(actual).toEqual(expected);
      const score: GuideScore = {
        blocks: review.ledger.length,
        commands: expected.length,
        exactCommands: expected.filter((c, i) => actual[i] === c).length,
        warnedBlocks: 0,
        wrongBlocks: [],
        notInLedger: [],
        strayCommands: [],
      };
      const roundTrip = roundTrips(review.runbook, name);
      record(name, score, review.ledger, review.warnings.length, roundTrip);
      expect(review.ledger.filter((e) => e.outcome === 'unexplained')).toEqual([]);
      expect(roundTrip).toBe(true);
    });

    afterAll(() => {
      const pct = totals.commands === 0 ? 100 : (100 * totals.exact) / totals.commands;
      console.log(perGuide.join('\n'));
      console.log(
        `corpus: ${totals.guides} files, ${totals.blocks} blocks, ${totals.commands} shell commands, ` +
          `${totals.exact} exact (${pct.toFixed(1)} %), ${totals.warned} blocks warned, ${totals.wrong} wrong, ` +
          `${totals.stray} stray runnable, ${totals.unledgered} blocks not in the ledger; ledger ${totals.ledger} ` +
          `entries, ${totals.unexplained} unexplained; ${totals.warnings} import warnings; ` +
          `round trip unchanged for ${totals.roundTrips} of ${totals.guides}`,
      );
    });
  },
);

function roundTrips(runbook: Runbook, name: string): boolean {
  const again = parseRunbook(serializeRunbook(runbook), `${name}.md`);
  return JSON.stringify(stripSources(again)) === JSON.stringify(stripSources(runbook));
}

function stripSources(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => {
      if (key === 'source') return undefined;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
      const record = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(record)
          .sort()
          .map((k) => [k, record[k]]),
      );
    }),
  );
}

function record(
  name: string,
  score: GuideScore,
  ledger: { outcome: string }[],
  warnings: number,
  roundTrip: boolean,
): void {
  totals.guides += 1;
  totals.blocks += score.blocks;
  totals.commands += score.commands;
  totals.exact += score.exactCommands;
  totals.warned += score.warnedBlocks;
  totals.wrong += score.wrongBlocks.length;
  totals.stray += score.strayCommands.length;
  totals.unledgered += score.notInLedger.length;
  totals.ledger += ledger.length;
  totals.unexplained += ledger.filter((e) => e.outcome === 'unexplained').length;
  totals.warnings += warnings;
  if (roundTrip) totals.roundTrips += 1;
  perGuide.push(
    `  ${name}: ${score.blocks} blocks, ${score.commands} commands, ${score.exactCommands} exact, ` +
      `${score.warnedBlocks} warned, ${score.wrongBlocks.length} wrong, ${score.strayCommands.length} stray, ` +
      `ledger ${ledger.length} (${ledger.filter((e) => e.outcome === 'unexplained').length} unexplained), ` +
      `${warnings} warnings, round trip ${roundTrip ? 'unchanged' : 'CHANGED'}`,
  );
}
