import type { Diagnostic, LedgerEntry, Warning } from '../../../../shared/runbook/index';

/**
 * A guide as the format readers see it, before it becomes a runbook: sections with their level
 * and a flat list of blocks. Markdown/MDX and reStructuredText readers both produce this; the
 * builder turns it into phases and steps.
 */
export type GuideBlock =
  | { type: 'text'; text: string; line: number }
  /** A list whose items are steps (ordered, "Step N:", or holding commands): each item one step. */
  | { type: 'steps'; items: GuideItem[]; line: number }
  | {
      type: 'code';
      language: string;
      text: string;
      line: number;
      /** A shown file's name (rST `:caption:`, a fence's `title="…"`). */
      caption?: string;
      /** An rST `::` literal block. */
      literal?: boolean;
      /** rST `:substitutions:`: `|name|` is a variable even in a shown block. */
      substitutions?: boolean;
      /** Already runnable runbook text (a shell script's statement, variables and braces done). */
      ready?: boolean;
    }
  | { type: 'admonition'; kind: Warning['kind']; text: string; line: number }
  | { type: 'tabs'; tabs: { label: string; blocks: GuideBlock[] }[]; line: number };

/** One item of a step list: its own blocks (the first text is its label), nested lists folded in. */
export interface GuideItem {
  line: number;
  blocks: GuideBlock[];
  /** A title of its own, when its text gives none (a script statement without a comment). */
  title?: string;
  /** Its commands must exit with this code (a script under `set -e`: 0). */
  expectExit?: number;
  /** Not a step: a script's `echo "# Title"` banner, which starts a section. */
  banner?: string;
}

/** A block the reader counted, for the import's ledger (see shared/runbook/review.ts). */
export interface CountedBlock {
  kind: LedgerEntry['kind'];
  line: number;
  endLine: number;
  /** For list items: the start of the item's text, to find it again in the runbook's prose. */
  probe?: string;
}

export interface GuideSection {
  title: string;
  level: number;
  line: number;
  blocks: GuideBlock[];
}

export interface Guide {
  /** Which reader made it: `|name|` in code is a Sphinx substitution only in reStructuredText. */
  format: 'markdown' | 'restructuredtext' | 'shell';
  title?: string;
  description?: string;
  /** Blocks before the first heading. */
  preamble: GuideBlock[];
  sections: GuideSection[];
  /** Variables found (Sphinx substitutions, placeholders), with the line of first use. */
  variables: Map<string, number>;
  /** Values the guide gives its substitutions (`.. |name| replace:: value`): the defaults. */
  defaults: Map<string, string>;
  /** Descriptions of variables made from placeholders such as `<host>`. */
  descriptions: Map<string, string>;
  /** Every code block, literal block, admonition and list item read, in source order. */
  counted: CountedBlock[];
  warnings: Diagnostic[];
}

export function emptyGuide(format: Guide['format']): Guide {
  return {
    format,
    preamble: [],
    sections: [],
    variables: new Map(),
    defaults: new Map(),
    descriptions: new Map(),
    counted: [],
    warnings: [],
  };
}

/** Counts a block for the ledger; returns it so a reader can add the probe once it has the text. */
export function count(guide: Guide, block: CountedBlock): CountedBlock {
  guide.counted.push(block);
  return block;
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
