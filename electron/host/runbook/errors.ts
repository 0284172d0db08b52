import type { Diagnostic } from '../../../shared/runbook/index';

/**
 * The one error the runbook parsers and importers throw: the input is not something Handrail can
 * read. It names the file, line and column of the first problem; `diagnostics` holds all of them.
 * Anything else thrown from these modules is a bug.
 */
export class RunbookInputError extends Error {
  override name = 'RunbookInputError';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: [Diagnostic, ...Diagnostic[]]) {
    const [first] = diagnostics;
    super(`${first.file}:${first.line}:${first.column}: ${first.message}`);
    this.file = first.file;
    this.line = first.line;
    this.column = first.column;
    this.diagnostics = diagnostics;
  }

  static at(file: string, line: number, column: number, message: string): RunbookInputError {
    return new RunbookInputError([{ severity: 'error', message, file, line, column }]);
  }
}
