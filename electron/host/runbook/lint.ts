import type { Diagnostic } from '../../../shared/runbook/index';
import { RunbookInputError } from './errors';
import { parseRunbook } from './format/parse';

/** Checks a runbook file; returns every finding, errors first, never throws for bad input. */
export function lintRunbook(input: string | Uint8Array, fileName: string): Diagnostic[] {
  try {
    parseRunbook(input, fileName);
    return [];
  } catch (error) {
    if (error instanceof RunbookInputError) return error.diagnostics;
    throw error;
  }
}
