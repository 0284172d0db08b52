import type { Diagnostic, Warning } from '../../../../shared/runbook/index';

/**
 * A guide as the format readers see it, before it becomes a runbook: sections with their level
 * and a flat list of blocks. Markdown/MDX and reStructuredText readers both produce this; the
 * builder turns it into phases and steps.
 */
export type GuideBlock =
  | { type: 'text'; text: string; line: number }
  /** An ordered (or "Step N:") list: each item may become a step. */
  | { type: 'steps'; items: { text: string; line: number }[]; line: number }
  | { type: 'code'; language: string; text: string; line: number; caption?: string; literal?: boolean }
  | { type: 'admonition'; kind: Warning['kind']; text: string; line: number }
  | { type: 'tabs'; tabs: { label: string; blocks: GuideBlock[] }[]; line: number };

export interface GuideSection {
  title: string;
  level: number;
  line: number;
  blocks: GuideBlock[];
}

export interface Guide {
  title?: string;
  description?: string;
  /** Blocks before the first heading. */
  preamble: GuideBlock[];
  sections: GuideSection[];
  /** Variables found (Sphinx substitutions), with the line of first use. */
  variables: Map<string, number>;
  warnings: Diagnostic[];
}

/** Maps the many admonition names of Docusaurus and Sphinx onto the five a runbook knows. */
export function admonitionKind(name: string): Warning['kind'] | undefined {
  const kinds: Record<string, Warning['kind']> = {
    note: 'note',
    info: 'note',
    seealso: 'note',
    todo: 'note',
    tip: 'tip',
    hint: 'tip',
    important: 'important',
    attention: 'important',
    warning: 'warning',
    caution: 'caution',
    danger: 'caution',
    error: 'caution',
  };
  return kinds[name.toLowerCase()];
}

export function guideWarning(
  guide: Guide,
  file: string,
  line: number,
  message: string,
  severity: Diagnostic['severity'] = 'warning',
): void {
  guide.warnings.push({ severity, message, file, line, column: 1 });
}
