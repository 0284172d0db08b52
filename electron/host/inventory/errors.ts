import type { Diagnostic } from '../../../shared/runbook/index';

/**
 * The one error the inventory parsers and the host-pattern matcher throw: the input cannot be read.
 * The message names the file and 1-based line of the first problem, like a compiler does
 * (`inventory.ini:14: group "compute" is its own descendant via network → compute`);
 * `diagnostics` holds every problem found. Anything else thrown from these modules is a bug.
 */
export class InventoryInputError extends Error {
  override name = 'InventoryInputError';
  readonly file: string;
  readonly line: number;
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: [Diagnostic, ...Diagnostic[]]) {
    const [first] = diagnostics;
    super(`${first.file}:${first.line}: ${first.message}`);
    this.file = first.file;
    this.line = first.line;
    this.diagnostics = diagnostics;
  }

  static at(file: string, line: number, message: string, column = 1): InventoryInputError {
    return new InventoryInputError([{ severity: 'error', message, file, line, column }]);
  }
}

/** Findings collected while reading one file; `fail` throws them all if any is an error. */
export class Findings {
  readonly list: Diagnostic[] = [];

  constructor(readonly file: string) {}

  error(line: number, message: string, column = 1): void {
    this.list.push({ severity: 'error', message, file: this.file, line, column });
  }

  warn(line: number, message: string, column = 1): void {
    this.list.push({ severity: 'warning', message, file: this.file, line, column });
  }

  /** Throws an InventoryInputError holding every error, if there is one. */
  throwIfErrors(): void {
    const errors = this.list.filter((d) => d.severity === 'error');
    const [first, ...rest] = errors;
    if (first !== undefined) throw new InventoryInputError([first, ...rest]);
  }

  warnings(): Diagnostic[] {
    return this.list.filter((d) => d.severity !== 'error');
  }
}

/** 1-based line and column of a character offset in a text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
