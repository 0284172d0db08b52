import type { Diagnostic } from '../../../shared/runbook/index';
import { displayControlWarnings } from './display-control-lint';
import { RunbookInputError } from './errors';
import { readRunbook } from './format/parse';
import { checkRoundTrip } from './format/round-trip';

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

/**
 * Checks a runbook file and returns every finding, errors first then by line. Bad input is
 * reported as diagnostics, never thrown.
 */
export function lintRunbook(input: string | Uint8Array, fileName: string): Diagnostic[] {
  let diagnostics: Diagnostic[];
  try {
    const read = readRunbook(input, fileName);
    diagnostics = read.diagnostics;
    // A file that reads cleanly must also survive being written back (the structured editor and
    // the library write every runbook with the serializer).
    if (read.runbook !== undefined && !diagnostics.some((d) => d.severity === 'error'))
      checkRoundTrip(read.runbook, fileName, diagnostics);
  } catch (error) {
    if (!(error instanceof RunbookInputError)) throw error;
    diagnostics = error.diagnostics;
  }
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  diagnostics = [...diagnostics, ...displayControlWarnings(text, fileName)];
  return [...diagnostics].sort(
    (a, b) => severityOrder[a.severity] - severityOrder[b.severity] || a.line - b.line || a.column - b.column,
  );
}
