import type { Node } from 'unist';
import type { Diagnostic } from '../../../../shared/runbook/index';

/** A file being read: its text, its name, and what was found wrong so far. */
export interface SourceFile {
  text: string;
  file: string;
  diagnostics: Diagnostic[];
}

export function report(
  source: SourceFile,
  severity: Diagnostic['severity'],
  node: Node | { line: number; column: number } | undefined,
  message: string,
): void {
  const at = node === undefined ? { line: 1, column: 1 } : 'type' in node ? startOf(node) : node;
  source.diagnostics.push({ severity, message, file: source.file, line: at.line, column: at.column });
}

export function startOf(node: Node): { line: number; column: number } {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

export function sliceOf(source: SourceFile, node: Node): string {
  return source.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}

/** The text of consecutive nodes as written, runs of nodes joined by one blank line. */
export function sliceRuns(source: SourceFile, runs: Node[][]): string {
  return runs
    .filter((run) => run.length > 0)
    .map((run) =>
      source.text.slice(run[0]!.position?.start.offset ?? 0, run.at(-1)!.position?.end.offset ?? 0),
    )
    .join('\n\n')
    .trim();
}
