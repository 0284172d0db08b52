/** `handrail import`, `handrail lint` and `handrail export`: runbook files from the command line. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../../../shared/runbook/index';
import {
  importGuide,
  lintRunbook,
  maxInputBytes,
  RunbookInputError,
  serializeRunbook,
} from '../runbook/index';
import { openDatabase } from '../store/database';
import { databaseFileName, prepareDataDir, resolveDataDir } from '../store/data-dir';
import { RunbookRepository } from '../store/runbook-repository';
import { UsageError } from './usage-error';

export const runbookUsage = `  import FILE          import a guide (Markdown, MDX, reStructuredText) or runbook file
                       as a new runbook; prints its id
  lint FILE...         check runbook files; prints file:line:column: severity: message,
                       exits 1 if any has errors
  export ID [--out F]  write a runbook's newest revision as Markdown (to stdout or F)`;

export async function runRunbookCommand(
  command: 'import' | 'lint' | 'export',
  args: string[],
): Promise<void> {
  if (command === 'lint') lintFiles(args);
  else if (command === 'import') importFile(args);
  else exportRunbook(args);
}

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function lintFiles(args: string[]): void {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  if (positionals.length === 0) throw new UsageError('lint: name at least one runbook file');
  let errors = 0;
  for (const file of positionals) {
    const diagnostics = lintRunbook(readInput(file), file);
    for (const d of diagnostics) console.log(formatDiagnostic(d));
    errors += diagnostics.filter((d) => d.severity === 'error').length;
  }
  if (errors > 0) {
    console.error(`handrail: ${errors} error${errors === 1 ? '' : 's'}`);
    process.exitCode = 1;
  }
}

function openRepository(): { repository: RunbookRepository; close: () => void } {
  const dir = prepareDataDir(resolveDataDir({ env: process.env }));
  const db = openDatabase(join(dir, databaseFileName));
  return { repository: new RunbookRepository(db), close: () => db.close() };
}

function importFile(args: string[]): void {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('import: name exactly one file');
  const bytes = readInput(file);
  if (bytes.byteLength > maxInputBytes)
    throw RunbookInputError.at(file, 1, 1, 'the file is larger than 50 MB');
  // Everything is checked before the database is opened: bad input stores nothing.
  const review = importGuide(bytes, file);
  for (const warning of review.warnings) console.error(formatDiagnostic(warning));
  const { repository, close } = openRepository();
  try {
    const created = repository.create({
      title: review.runbook.title,
      description: review.runbook.description,
      source: serializeRunbook(review.runbook),
    });
    const steps = review.runbook.phases.reduce((sum, phase) => sum + phase.steps.length, 0);
    console.log(
      `Imported '${created.title}' (${review.runbook.phases.length} phases, ${steps} steps) as ${created.id}`,
    );
  } finally {
    close();
  }
}

function exportRunbook(args: string[]): void {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { out: { type: 'string' } },
  });
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) throw new UsageError('export: name exactly one runbook id');
  const { repository, close } = openRepository();
  try {
    const runbook = repository.get(id);
    if (runbook === undefined) throw new UsageError(`export: no runbook with id ${id}`);
    if (values.out === undefined) process.stdout.write(runbook.source);
    else writeFileSync(values.out, runbook.source);
  } finally {
    close();
  }
}
