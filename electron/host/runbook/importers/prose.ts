import type { Runbook, Step } from '../../../../shared/runbook/index';

/**
 * Prose taken from a guide, made safe to write under a step heading: a line that Markdown would
 * read as a heading (`# `, or `===`/`---` under a line of text) or a fence is escaped, so the
 * runbook file reads back as the same steps. What still would not survive, the round-trip check
 * reports.
 */
export function safeProse(text: string): string {
  if (text.trim() === '') return '';
  // A written file keeps no blank lines or trailing spaces around a block of prose.
  const lines = text
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd()
    .split('\n');
  return lines
    .map((line, index) => {
      const previous = index > 0 ? lines[index - 1]! : '';
      if (/^ {0,3}#{1,6}(?:\s|$)/.test(line)) return line.replace(/#/, '\\#');
      if (/^ {0,3}(?:`{3,}|~{3,})/.test(line)) return line.replace(/[`~]/, (m) => `\\${m}`);
      if (/^ {0,3}(?:=+|-+)\s*$/.test(line) && previous.trim() !== '' && !/^\s*[-*+]\s/.test(previous))
        return line.replace(/[=-]/, (m) => `\\${m}`);
      return line;
    })
    .join('\n');
}

/** Every piece of prose of an imported runbook through safeProse. */
export function safeRunbookProse(runbook: Runbook): Runbook {
  const step = <T extends Step | NonNullable<Step['rolling']>['steps'][number]>(s: T): T => ({
    ...s,
    text: safeProse(s.text),
    alternatives: s.alternatives.map((a) => ({ ...a, text: safeProse(a.text) })),
  });
  return {
    ...runbook,
    description: safeProse(runbook.description),
    phases: runbook.phases.map((phase) => ({
      ...phase,
      text: safeProse(phase.text),
      steps: phase.steps.map((s) => {
        const out = step(s);
        if (s.rolling !== undefined) out.rolling = { ...s.rolling, steps: s.rolling.steps.map(step) };
        return out;
      }),
    })),
  };
}
