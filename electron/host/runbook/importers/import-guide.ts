import type { GuideFormat, ImportReview, ReviewItem, Runbook } from '../../../../shared/runbook/index';
import { runbook as runbookSchema } from '../../../../shared/runbook/index';
import { RunbookInputError } from '../errors';
import { readRunbook } from '../format/parse';
import { decodeInput } from '../input';
import { buildRunbook } from './build-runbook';
import { readMarkdownGuide } from './markdown-guide';
import { readRstGuide } from './rst-guide';

/** Picks the reader: `.rst` is reStructuredText, `.mdx` MDX, a Markdown file with Handrail headings a runbook. */
export function detectFormat(fileName: string, text: string): GuideFormat {
  if (/\.(?:rst|rest|txt)$/i.test(fileName) && !/^---\n/.test(text))
    return /^[=#*-]{3,}\s*$/m.test(text) || /\.rst$/i.test(fileName) ? 'restructuredtext' : 'markdown';
  if (/\.mdx$/i.test(fileName)) return 'mdx';
  if (/^#{2,3} [^\n]*\{#?[^\n{}]*(?:window|kind)=[^\n{}]*\}\s*$/m.test(text)) return 'runbook';
  return 'markdown';
}

/** Turns an upgrade guide into a runbook for review. Nothing is stored here. */
export function importGuide(
  input: string | Uint8Array,
  fileName: string,
  format?: GuideFormat,
): ImportReview {
  const text = decodeInput(input, fileName);
  const chosen = format ?? detectFormat(fileName, text);
  if (chosen === 'runbook') {
    const { runbook, diagnostics } = readRunbook(text, fileName);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const [first, ...rest] = errors;
    if (first !== undefined || runbook === undefined)
      throw new RunbookInputError(
        first
          ? [first, ...rest]
          : [{ severity: 'error', message: 'not a runbook', file: fileName, line: 1, column: 1 }],
      );
    return { fileName, format: chosen, runbook, items: reviewItems(runbook), warnings: diagnostics };
  }
  const guide =
    chosen === 'restructuredtext' ? readRstGuide(text, fileName) : readMarkdownGuide(text, fileName);
  const runbook = runbookSchema.parse(buildRunbook(guide, fileName));
  if (runbook.phases.length === 0)
    throw RunbookInputError.at(
      fileName,
      1,
      1,
      'the guide has no steps: no headings with content, lists or code blocks',
    );
  return { fileName, format: chosen, runbook, items: reviewItems(runbook), warnings: guide.warnings };
}

/** Every phase, step, command and warning with the guide line it came from, for the review screen. */
export function reviewItems(runbook: Runbook): ReviewItem[] {
  const items: ReviewItem[] = runbook.variables.map((v, index) => ({
    kind: 'variable',
    label: v.name,
    path: [index],
    line: 1,
  }));
  runbook.phases.forEach((phase, p) => {
    items.push({ kind: 'phase', label: phase.title, path: [p], line: phase.source?.line ?? 1 });
    phase.steps.forEach((step, s) => {
      items.push({
        kind: 'step',
        label: `${step.title} (${step.kind}${step.destructive ? ', destructive' : ''})`,
        path: [p, s],
        line: step.source?.line ?? 1,
      });
      step.warnings.forEach((w, i) =>
        items.push({
          kind: 'warning',
          label: `${w.kind}: ${w.text.split('\n')[0] ?? ''}`,
          path: [p, s, i],
          line: w.source?.line ?? 1,
        }),
      );
      step.commands.forEach((c, i) =>
        items.push({
          kind: 'command',
          label: `${c.run ? 'run' : 'show'}: ${c.text.split('\n')[0] ?? ''}`,
          path: [p, s, i],
          line: c.source?.line ?? 1,
        }),
      );
    });
  });
  return items;
}
