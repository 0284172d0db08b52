import { RpcError } from '../../../shared/contract/index';
import type { Diagnostic, ImportReview, Runbook } from '../../../shared/runbook/index';
import {
  importGuide,
  lintRunbook,
  parseRunbook,
  RunbookInputError,
  serializeRunbook,
} from '../runbook/index';

/** A runbook file as the library stores it: parsed, and written back in Handrail's own form. */
export interface NormalizedRunbook {
  runbook: Runbook;
  source: string;
}

/**
 * Parses a runbook file and writes it back with the serializer, so what is stored is the same
 * file whichever editor (raw Markdown or structured) produced it. Bad input becomes an
 * `invalid_params` error whose message is the parser's file:line:column message.
 */
export function normalizeSource(text: string, fileName: string, field: string): NormalizedRunbook {
  const runbook = asParamsError(() => parseRunbook(text, fileName), field);
  return { runbook, source: serializeRunbook(runbook) };
}

/** The structured editor's model, written as a file and read back (which validates it too). */
export function normalizeModel(model: Runbook, fileName: string, field: string): NormalizedRunbook {
  return normalizeSource(serializeRunbook(model), fileName, field);
}

export function reviewGuide(text: string, fileName: string): ImportReview {
  return asParamsError(() => importGuide(text, fileName), 'params.text');
}

/** A stored file, parsed for display, with every finding of the linter. Never throws for bad text. */
export function inspectSource(
  source: string,
  fileName: string,
): { runbook: Runbook | null; diagnostics: Diagnostic[] } {
  const diagnostics = lintRunbook(source, fileName);
  if (diagnostics.some((finding) => finding.severity === 'error')) return { runbook: null, diagnostics };
  try {
    return { runbook: parseRunbook(source, fileName), diagnostics };
  } catch (error) {
    if (error instanceof RunbookInputError) return { runbook: null, diagnostics: error.diagnostics };
    throw error;
  }
}

/** A file name for a runbook: its title in lowercase words joined by dashes, then `.md`. */
export function runbookFileName(title: string, revision?: number): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  const base = slug === '' ? 'runbook' : slug;
  return revision === undefined ? `${base}.md` : `${base}-r${revision}.md`;
}

function asParamsError<T>(work: () => T, field: string): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RunbookInputError) throw new RpcError('invalid_params', error.message, field);
    throw error;
  }
}
