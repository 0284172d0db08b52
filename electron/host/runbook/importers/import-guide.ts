import type {
  GuideFormat,
  ImportReview,
  LedgerEntry,
  ReviewItem,
  Runbook,
} from '../../../../shared/runbook/index';
import { runbook as runbookSchema } from '../../../../shared/runbook/index';
import { RunbookInputError } from '../errors';
import { readRunbook } from '../format/parse';
import { decodeInput } from '../input';
import { buildRunbook } from './build-runbook';
import { readMarkdownGuide } from './markdown-guide';
import { checkRoundTrip } from '../format/round-trip';
import { resolveLedger } from './ledger';
import { safeRunbookProse } from './prose';
import { readRstGuide } from './rst-guide';
import { readShellGuide, type IncludeResolver } from './shell-guide';

/**
 * Picks the reader: `.sh`/`.bash` or a shell shebang is a shell script, `.rst` reStructuredText,
 * `.mdx` MDX, a Markdown file with Handrail headings a runbook.
 */
export function detectFormat(fileName: string, text: string): GuideFormat {
  if (/\.(?:sh|bash)$/i.test(fileName) || /^#!\s?\S*\b(?:ba|da|k|z)?sh\b/.test(text)) return 'shell';
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
  /** For shell scripts: finds a script that the imported one calls, to include its steps. */
  resolveInclude?: IncludeResolver,
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
    const ledger = runbookLedger(runbook);
    return { fileName, format: chosen, runbook, items: reviewItems(runbook), warnings: diagnostics, ledger };
  }
  const guide =
    chosen === 'restructuredtext'
      ? readRstGuide(text, fileName)
      : chosen === 'shell'
        ? readShellGuide(text, fileName, resolveInclude)
        : readMarkdownGuide(text, fileName);
  const runbook = safeRunbookProse(runbookSchema.parse(buildRunbook(guide, fileName)));
  if (runbook.phases.length === 0)
    throw RunbookInputError.at(
      fileName,
      1,
      1,
      'the guide has no steps: no headings with content, lists or code blocks',
    );
  checkRoundTrip(runbook, fileName, guide.warnings);
  const warnings = [...guide.warnings].sort((a, b) => a.line - b.line);
  const ledger = resolveLedger(guide.counted, runbook, warnings);
  return { fileName, format: chosen, runbook, items: reviewItems(runbook), warnings, ledger };
}

/** A runbook file's own blocks: every fence is a command or a shown file, read exactly. */
function runbookLedger(runbook: Runbook): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  runbook.phases.forEach((phase, p) =>
    phase.steps.forEach((step, s) => {
      const all = [step, ...(step.rolling?.steps ?? [])];
      for (const each of all)
        for (const command of [...each.commands, ...each.alternatives.flatMap((a) => a.commands)]) {
          const line = command.source?.line ?? each.source?.line ?? 1;
          const outcome = command.run ? 'command' : 'shown';
          entries.push({ line, endLine: line, kind: 'code', outcome, path: [p, s] });
        }
    }),
  );
  return entries.sort((a, b) => a.line - b.line);
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
