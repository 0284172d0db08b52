/** `handrail import`, `handrail lint` and `handrail export`: runbook files from the command line. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, ledgerSummary } from '../../../shared/runbook/index';
import { maxInputBytes, RunbookInputError, serializeRunbook } from '../runbook/index';
import { RunbookReader } from '../runbook-reader/runbook-reader';
import { openDatabase } from '../store/database';
import { databaseFileName, prepareDataDir, resolveDataDir } from '../store/data-dir';
import { lockDataDir } from '../store/data-dir-lock';
import { RunbookRepository } from '../store/runbook-repository';
import { terminalSafeLine } from './terminal-safe-line';
import { UsageError } from './usage-error';

export const runbookUsage = `  import FILE [--includes]
                       import a guide (Markdown, MDX, reStructuredText, a shell script)
                       or runbook file as a new runbook; prints what became of every block
                       and the runbook's id. --includes: a script's calls of other scripts
                       found beside it are read in as their steps
  lint FILE...         check runbook files; prints file:line:column: severity: message,
                       exits 1 if any has errors
  export ID [--out F]  write a runbook's newest revision as Markdown (to stdout or F)`;

export async function runRunbookCommand(
  command: 'import' | 'lint' | 'export',
  args: string[],
): Promise<void> {
  if (command === 'export') return exportRunbook(args);
  // Guides are read in a worker with the host's limits: a pathological file is refused with its
  // name and the reason, as in the app, rather than hanging the command.
  const reader = new RunbookReader({ limits: { readers: 1 } });
  try {
    if (command === 'lint') await lintFiles(reader, args);
    else await importFile(reader, args);
  } finally {
    await reader.close();
  }
}

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

async function lintFiles(reader: RunbookReader, args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  if (positionals.length === 0) throw new UsageError('lint: name at least one runbook file');
  let errors = 0;
  for (const file of positionals) {
    const diagnostics = await reader.run({ kind: 'lint', file, input: readInput(file) });
    for (const d of diagnostics) console.log(formatDiagnostic(d));
    errors += diagnostics.filter((d) => d.severity === 'error').length;
  }
  if (errors > 0) {
    console.error(`handrail: ${errors} error${errors === 1 ? '' : 's'}`);
    process.exitCode = 1;
  }
}

/**
 * The library, to change (`import`: the folder's lock first, so it fails beside a running host
 * with that host's PID) or only to read (`export`: works beside one).
 */
function openRepository(access: 'write' | 'read'): { repository: RunbookRepository; close: () => void } {
  const dir = prepareDataDir(resolveDataDir({ env: process.env }));
  const lock = access === 'write' ? lockDataDir(dir, 'handrail import') : undefined;
  try {
    const db = openDatabase(join(dir, databaseFileName), { readonly: access === 'read' });
    return {
      repository: new RunbookRepository(db),
      close: () => {
        db.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function importFile(reader: RunbookReader, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { includes: { type: 'boolean' } },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('import: name exactly one file');
  const bytes = readInput(file);
  if (bytes.byteLength > maxInputBytes)
    throw RunbookInputError.at(file, 1, 1, 'the file is larger than 50 MB');
  // Everything is checked before the database is opened: bad input stores nothing.
  const includes = values.includes === true;
  const review = await reader.run({ kind: 'importGuide', file, input: bytes, includes });
  for (const warning of review.warnings) console.error(terminalSafeLine(formatDiagnostic(warning)));
  console.error(`${file}: ${ledgerSummary(review.ledger)}`);
  for (const entry of review.ledger.filter((e) => e.outcome === 'unexplained'))
    console.error(`${file}:${entry.line}:1: error: ${entry.kind} not accounted for (an importer bug)`);
  const { repository, close } = openRepository('write');
  try {
    const created = repository.create({
      title: review.runbook.title,
      description: review.runbook.description,
      source: serializeRunbook(review.runbook),
    });
    const steps = review.runbook.phases.reduce((sum, phase) => sum + phase.steps.length, 0);
    console.log(
      terminalSafeLine(
        `Imported '${created.title}' (${review.runbook.phases.length} phases, ${steps} steps) as ${created.id}`,
      ),
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
  const { repository, close } = openRepository('read');
  try {
    const runbook = repository.get(id);
    if (runbook === undefined) throw new UsageError(`export: no runbook with id ${id}`);
    if (values.out === undefined) process.stdout.write(runbook.source);
    else writeFileSync(values.out, runbook.source);
  } finally {
    close();
  }
}
