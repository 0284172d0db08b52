import type { Runbook } from '../../../../shared/runbook/index';
import { RunbookInputError } from '../errors';
import { decodeInput } from '../input';

/** Reads a runbook file (Markdown with YAML front matter, see docs/runbook-format.md). */
export function parseRunbook(input: string | Uint8Array, fileName: string): Runbook {
  decodeInput(input, fileName);
  throw RunbookInputError.at(fileName, 1, 1, 'not implemented yet');
}
