/**
 * Generated guides: the generator knows every block it wrote (its kind, its line and, for shell
 * blocks, the commands in it). The import's ledger must list exactly those blocks, none
 * unexplained, every command must come out runnable and exact, and the runbook must round-trip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importGuide, parseRunbook, serializeRunbook } from '../../../electron/host/runbook/index';
import { runnableCommands } from './corpus/compare';

interface Written {
  lines: string[];
  blocks: { kind: 'code' | 'literal' | 'admonition' | 'list-item'; line: number }[];
  commands: string[];
}

const word = fc.constantFrom(
  'check',
  'the',
  'cluster',
  'service',
  'node',
  'images',
  'config',
  'backup',
  'state',
);
const sentence = fc
  .array(word, { minLength: 2, maxLength: 7 })
  .map((w) => `${w.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
const command = fc
  .tuple(fc.constantFrom('tool', 'kayobe', 'osism'), word, fc.constantFrom('--all', '-v', 'web', 'db'))
  .map((parts) => parts.join(' '));

type Piece =
  | { type: 'text'; text: string }
  | { type: 'bash'; commands: string[] }
  | { type: 'console'; command: string }
  | { type: 'yaml' }
  | { type: 'note'; text: string }
  | { type: 'list'; ordered: boolean; items: { text: string; code?: string[] }[] };

const piece: fc.Arbitrary<Piece> = fc.oneof(
  sentence.map((text) => ({ type: 'text' as const, text })),
  fc.array(command, { minLength: 1, maxLength: 3 }).map((commands) => ({ type: 'bash' as const, commands })),
  command.map((c) => ({ type: 'console' as const, command: c })),
  fc.constant({ type: 'yaml' as const }),
  sentence.map((text) => ({ type: 'note' as const, text })),
  fc
    .record({
      ordered: fc.boolean(),
      items: fc.array(
        fc.record({
          text: sentence,
          code: fc.option(fc.array(command, { minLength: 1, maxLength: 2 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map((list) => ({ type: 'list' as const, ...list })),
);

const guideShape = fc.array(fc.array(piece, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 });

function writeMarkdown(sections: Piece[][]): Written {
  const out: Written = { lines: ['# Generated guide', ''], blocks: [], commands: [] };
  const at = () => out.lines.length + 1;
  sections.forEach((pieces, index) => {
    out.lines.push(`## Section ${index + 1}`, '');
    for (const p of pieces) {
      if (p.type === 'text') out.lines.push(p.text, '');
      else if (p.type === 'bash') {
        out.blocks.push({ kind: 'code', line: at() });
        out.commands.push(p.commands.join('\n'));
        out.lines.push('```bash', ...p.commands, '```', '');
      } else if (p.type === 'console') {
        out.blocks.push({ kind: 'code', line: at() });
        out.commands.push(p.command);
        out.lines.push('```console', `$ ${p.command}`, 'done', '```', '');
      } else if (p.type === 'yaml') {
        out.blocks.push({ kind: 'code', line: at() });
        out.lines.push('```yaml', 'workers: 4', '```', '');
      } else if (p.type === 'note') {
        out.blocks.push({ kind: 'admonition', line: at() });
        out.lines.push(':::note', p.text, ':::', '');
      } else {
        p.items.forEach((item, i) => {
          const marker = p.ordered ? `${i + 1}. ` : '- ';
          const pad = ' '.repeat(marker.length);
          out.blocks.push({ kind: 'list-item', line: at() });
          out.lines.push(`${marker}${item.text}`);
          if (item.code !== undefined) {
            out.lines.push('');
            out.blocks.push({ kind: 'code', line: at() });
            out.commands.push(item.code.join('\n'));
            out.lines.push(`${pad}\`\`\`bash`, ...item.code.map((c) => `${pad}${c}`), `${pad}\`\`\``);
          }
        });
        out.lines.push('');
      }
    }
  });
  return out;
}

function writeRst(sections: Piece[][]): Written {
  const out: Written = { lines: ['Generated guide', '===============', ''], blocks: [], commands: [] };
  const at = () => out.lines.length + 1;
  sections.forEach((pieces, index) => {
    const title = `Section ${index + 1}`;
    out.lines.push(title, '-'.repeat(title.length), '');
    for (const p of pieces) {
      if (p.type === 'text') out.lines.push(p.text, '');
      else if (p.type === 'bash') {
        out.blocks.push({ kind: 'code', line: at() });
        out.commands.push(p.commands.join('\n'));
        out.lines.push('.. code-block:: bash', '', ...p.commands.map((c) => `   ${c}`), '');
      } else if (p.type === 'console') {
        out.lines.push('Run this::', '');
        out.blocks.push({ kind: 'literal', line: at() });
        out.commands.push(p.command);
        out.lines.push(`   $ ${p.command}`, '   done', '');
      } else if (p.type === 'yaml') {
        out.blocks.push({ kind: 'code', line: at() });
        out.lines.push('.. code-block:: yaml', '', '   workers: 4', '');
      } else if (p.type === 'note') {
        out.blocks.push({ kind: 'admonition', line: at() });
        out.lines.push('.. note::', '', `   ${p.text}`, '');
      } else {
        p.items.forEach((item) => {
          out.blocks.push({ kind: 'list-item', line: at() });
          out.lines.push(`${p.ordered ? '#.' : '*'} ${item.text}`, '');
          if (item.code !== undefined) {
            out.blocks.push({ kind: 'code', line: at() });
            out.commands.push(item.code.join('\n'));
            out.lines.push('   .. code-block:: bash', '', ...item.code.map((c) => `      ${c}`), '');
          }
        });
      }
    }
  });
  return out;
}

function check(written: Written, fileName: string): void {
  const review = importGuide(`${written.lines.join('\n')}\n`, fileName);
  const ledger = review.ledger.map((e) => ({ kind: e.kind, line: e.line }));
  expect(ledger).toEqual(written.blocks);
  expect(review.ledger.filter((e) => e.outcome === 'unexplained')).toEqual([]);
  expect(runnableCommands(review.runbook).map((l) => l.command.text)).toEqual(written.commands);
  const strip = (v: unknown) =>
    JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'source' ? undefined : x)));
  expect(strip(parseRunbook(serializeRunbook(review.runbook), 'again.md'))).toEqual(strip(review.runbook));
}

describe('the ledger against what a generator wrote', () => {
  it('Markdown guides: every block counted once at its line, every command exact', () => {
    fc.assert(
      fc.property(guideShape, (sections) => check(writeMarkdown(sections), 'generated.md')),
      {
        numRuns: 100,
        seed: 15,
      },
    );
  });

  it('reStructuredText guides: the same, with directives in list items and literal blocks', () => {
    fc.assert(
      fc.property(guideShape, (sections) => check(writeRst(sections), 'generated.rst')),
      {
        numRuns: 100,
        seed: 16,
      },
    );
  });
});
