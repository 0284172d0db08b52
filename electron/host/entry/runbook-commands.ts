/** `handrail import`, `handrail lint` and `handrail export`: runbook files from the command line. */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, ledgerSummary } from '../../../shared/runbook/index';
import {
  importGuide,
  type IncludeResolver,
  lintRunbook,
  maxInputBytes,
  RunbookInputError,
  serializeRunbook,
} from '../runbook/index';
import { openDatabase } from '../store/database';
import { databaseFileName, prepareDataDir, resolveDataDir } from '../store/data-dir';
import { RunbookRepository } from '../store/runbook-repository';
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
  const review = importGuide(bytes, file, undefined, values.includes === true ? scriptsBeside : undefined);
  for (const warning of review.warnings) console.error(safeLine(formatDiagnostic(warning)));
  console.error(`${file}: ${ledgerSummary(review.ledger)}`);
  for (const entry of review.ledger.filter((e) => e.outcome === 'unexplained'))
    console.error(`${file}:${entry.line}:1: error: ${entry.kind} not accounted for (an importer bug)`);
  const { repository, close } = openRepository();
  try {
    const created = repository.create({
      title: review.runbook.title,
      description: review.runbook.description,
      source: serializeRunbook(review.runbook),
    });
    const steps = review.runbook.phases.reduce((sum, phase) => sum + phase.steps.length, 0);
    console.log(
      safeLine(
        `Imported '${created.title}' (${review.runbook.phases.length} phases, ${steps} steps) as ${created.id}`,
      ),
    );
  } finally {
    close();
  }
}

/**
 * A script that an imported script calls (`sh -c '/opt/x/scripts/deploy/200-infra.sh'`), looked for
 * beside the imported file: by the called path's last parts (`deploy/200-infra.sh`, then
 * `200-infra.sh`), also with `/` written as `__` as the testbed's flattened copies are named.
 */
const scriptsBeside: IncludeResolver = (called, fromFile) => {
  const dir = dirname(fromFile);
  const parts = called.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  const names = readdirSync(dir);
  for (let from = 0; from < parts.length; from += 1) {
    const tail = parts.slice(from);
    const flat = tail.join('__');
    const found =
      [join(...tail)].find((path) => existsSync(join(dir, path))) ??
      names.find((name) => name === flat || name.endsWith(`__${flat}`));
    if (found === undefined) continue;
    const path = join(dir, found);
    if (statSync(path).isFile()) return { fileName: path, text: readFileSync(path, 'utf8') };
  }
  return undefined;
};

/** Guide text in a diagnostic may hold terminal control characters: shown escaped, never obeyed. */
function safeLine(text: string): string {
  let out = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    const control = (code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f);
    out += control ? `\\x${code.toString(16).padStart(2, '0')}` : character;
  }
  return out;
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
