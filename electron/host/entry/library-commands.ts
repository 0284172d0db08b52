/** `handrail library export DIR` and `handrail library import DIR`: the library as Markdown files. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { RpcError } from '../../../shared/contract/index';
import { readLibraryKeys, withLibraryKeys } from '../runbook-library/library-file-format';
import { LibraryFiles, type LibraryFile } from '../runbook-library/library-files';
import { RunbookReader } from '../runbook-reader/runbook-reader';
import { openDatabase } from '../store/database';
import { databaseFileName, prepareDataDir, resolveDataDir } from '../store/data-dir';
import { lockDataDir } from '../store/data-dir-lock';
import { RunbookRepository } from '../store/runbook-repository';
import { UsageError } from './usage-error';

export const libraryUsage = `  library export DIR   write every runbook as DIR/<title>.md (its id in the front matter)
  library import DIR   read DIR's .md files back: changed files become new revisions,
                       new files new runbooks, unchanged files nothing`;

export async function runLibraryCommand(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  const [action, dir, ...extra] = positionals;
  if ((action !== 'export' && action !== 'import') || dir === undefined || extra.length > 0)
    throw new UsageError('library: use `handrail library export DIR` or `handrail library import DIR`');
  const dataDir = prepareDataDir(resolveDataDir({ env: process.env }));
  // Export only reads (it works beside a running host); import writes, so it takes the lock.
  const lock = action === 'import' ? lockDataDir(dataDir, 'handrail library import') : undefined;
  const reader = new RunbookReader({ limits: { readers: 1 } });
  try {
    const db = openDatabase(join(dataDir, databaseFileName), { readonly: action === 'export' });
    try {
      const files = new LibraryFiles(db, new RunbookRepository(db), reader);
      if (action === 'export') exportTo(files, dir);
      else await importFrom(files, dir);
    } finally {
      db.close();
    }
  } finally {
    await reader.close();
    lock?.release();
  }
}

function exportTo(library: LibraryFiles, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const files = placeInFolder(library.export(), dir);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.name)), { recursive: true });
    writeFileSync(join(dir, file.name), file.text);
  }
  console.log(`Exported ${files.length} runbook${files.length === 1 ? '' : 's'} to ${dir}`);
}

/**
 * A runbook already in the folder is written where it is, whatever it is called now (a title
 * change or a move into a subfolder is not undone, and git sees an edit, not a rename); a new one
 * gets its title's name, with the start of its id if another file has that name.
 */
function placeInFolder(files: readonly LibraryFile[], dir: string): LibraryFile[] {
  const existing = new Map<string, string>();
  const names = new Set<string>();
  for (const path of markdownFiles(dir)) {
    const name = relative(dir, path);
    names.add(name);
    const id = readLibraryKeys(readFileSync(path, 'utf8')).id;
    if (id !== null && !existing.has(id)) existing.set(id, name);
  }
  return files.map((file) => {
    const id = readLibraryKeys(file.text).id;
    const known = id === null ? undefined : existing.get(id);
    if (known !== undefined) return { ...file, name: known };
    const name = names.has(file.name)
      ? file.name.replace(/\.md$/, `-${(id ?? '').slice(0, 8)}.md`)
      : file.name;
    names.add(name);
    return { ...file, name };
  });
}

async function importFrom(library: LibraryFiles, dir: string): Promise<void> {
  const paths = markdownFiles(dir);
  if (paths.length === 0) throw new UsageError(`library import: no .md files in ${dir}`);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files = paths.map((path) => {
    try {
      return { name: relative(dir, path), text: decoder.decode(readFileSync(path)) };
    } catch (error) {
      if (error instanceof TypeError) throw new UsageError(`${path}: not UTF-8 text`);
      throw error;
    }
  });
  let summary;
  try {
    summary = await library.import(files);
  } catch (error) {
    if (error instanceof RpcError)
      throw new UsageError(`library import: ${error.message} (nothing was imported)`);
    throw error;
  }
  for (const item of summary.created) {
    const file = files.find((candidate) => candidate.name === item.file) as LibraryFile;
    // The new runbook's id goes into its file, so the next import matches it instead of adding it again.
    const marked = readLibraryKeys(file.text).id === null;
    if (marked) writeFileSync(join(dir, file.name), withLibraryKeys(file.text, item.id, 1));
    console.log(
      `created   ${item.file}  ${item.title}  ${item.id}${marked ? '  (id written into the file)' : ''}`,
    );
  }
  for (const item of summary.revised)
    console.log(`revised   ${item.file}  ${item.title}  revision ${item.revision}`);
  for (const warning of summary.warnings) console.error(`handrail: warning: ${warning}`);
  console.log(
    `${summary.created.length} created, ${summary.revised.length} revised, ${summary.unchanged.length} unchanged`,
  );
}

/** Every .md file under the folder, in a stable order; hidden folders (.git) are skipped. */
function markdownFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      if (entry.name.startsWith('.')) return [];
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return markdownFiles(path);
      return entry.isFile() && entry.name.toLowerCase().endsWith('.md') ? [path] : [];
    });
}
