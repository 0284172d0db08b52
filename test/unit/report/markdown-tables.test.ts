import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { expect, test } from 'vitest';
import type { RunDetail, RunEvent } from '../../../shared/contract/index';
import { buildReportModel } from '../../../electron/host/report/report-model';
import { renderMarkdownReport } from '../../../electron/host/report/report-markdown';
import { header, step } from '../run-screen/run-fixtures';

/** Every table of a Markdown document as GFM parses it: rows of cell texts, header first. */
function tables(markdown: string): string[][][] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  return tree.children
    .filter((node) => node.type === 'table')
    .map((table) => table.children.map((row) => row.children.map((cell) => toString(cell))));
}

test('pipes and backslashes in titles and reasons stay inside their table cells', () => {
  const detail: RunDetail = {
    run: header({ phases: [{ title: 'Phase | one \\ two', window: 'inside', estimatedSeconds: 60 }] }),
    steps: [
      step('a', {
        title: 'Check a|b \\| c',
        status: 'skipped',
        skipReason: 'pipe | and \\ slash',
        phaseIndex: 0,
      }),
    ],
    notes: [],
  };
  // Deviations come from the log: the skip that left the step skipped.
  const skipped: RunEvent = {
    seq: 1,
    at: '2025-01-01T00:10:00.000Z',
    type: 'step.skipped',
    actor: 'Ada',
    stepKey: 'a',
    payload: { reason: 'pipe | and \\ slash' },
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
  const model = buildReportModel({ detail, events: [skipped], now: new Date('2025-01-01T01:00:00Z') });
  const markdown = renderMarkdownReport(model, {
    signatures: [],
    instructions: 'unsigned',
    verifyCommands: [],
  });
  const parsed = tables(markdown);
  expect(parsed.length).toBeGreaterThanOrEqual(3);
  for (const table of parsed) for (const row of table) expect(row).toHaveLength(table[0]!.length);

  const timeline = parsed.find((table) => table[0]?.[0] === 'Phase');
  expect(timeline?.[1]?.[0]).toBe('Phase | one \\ two');
  const deviations = parsed.find((table) => table[0]?.[0] === 'What');
  expect(deviations?.[1]?.[1]).toBe('Check a|b \\| c');
  expect(deviations?.[1]?.[3]).toContain('pipe | and \\ slash');
});
