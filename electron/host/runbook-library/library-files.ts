import type { Database } from 'better-sqlite3';
import { RpcError, type LibraryImportSummary } from '../../../shared/contract/index';
import type { RunbookReader } from '../runbook-reader/runbook-reader';
import type { RunbookRepository } from '../store/runbook-repository';
import { readLibraryKeys, withLibraryKeys } from './library-file-format';
import { runbookFileName, type NormalizedRunbook } from './runbook-codec';

export interface LibraryFile {
  /** The file's path in the folder (import: only shown; export: where to write it). */
  name: string;
  text: string;
}

type Decision =
  | {
      kind: 'create';
      file: LibraryFile;
      id: string | null;
      title: string;
      description: string;
      source: string;
    }
  | {
      kind: 'revise';
      file: LibraryFile;
      id: string;
      title: string;
      description: string;
      source: string;
      stale: string | null;
    }
  | { kind: 'unchanged'; file: LibraryFile; id: string; title: string };

/**
 * The library as a folder of Markdown files, for git and for carrying runbooks between sites.
 * Export writes each runbook's newest revision under a name from its title. Import matches files
 * to runbooks by the id in their front matter: a changed file becomes a new revision, an
 * unchanged one does nothing, a file without a known id a new runbook (with the file's id, if it
 * has one, so the next import at this site matches it too). Every file is checked before anything
 * is stored, and the import is one transaction: a bad file stores nothing.
 */
export class LibraryFiles {
  constructor(
    private readonly db: Database,
    private readonly runbooks: RunbookRepository,
    private readonly reader: RunbookReader,
  ) {}

  export(): LibraryFile[] {
    const taken = new Set<string>();
    const summaries = this.runbooks
      .list()
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    return summaries.map((summary) => {
      const head = this.runbooks.head(summary.id);
      let name = runbookFileName(head.title);
      // Two runbooks with one title: the later one's name carries the start of its id.
      if (taken.has(name)) name = name.replace(/\.md$/, `-${head.id.slice(0, 8)}.md`);
      taken.add(name);
      return { name, text: withLibraryKeys(head.source, head.id, head.revision) };
    });
  }

  /** Every file is read (in the runbook reader's worker) before anything is decided or stored. */
  async import(
    files: readonly LibraryFile[],
    author = '',
    signal?: AbortSignal,
  ): Promise<LibraryImportSummary> {
    const read = await Promise.all(
      files.map((file, index) =>
        this.reader.normalizeSource(file.text, file.name, `params.files.${index}.text`, signal),
      ),
    );
    if (signal?.aborted) throw new RpcError('cancelled', 'the request was cancelled');
    const decisions = this.decide(files, read);
    const summary: LibraryImportSummary = { created: [], revised: [], unchanged: [], warnings: [] };
    this.db
      .transaction(() => {
        for (const decision of decisions) this.apply(decision, author, summary);
      })
      .immediate();
    return summary;
  }

  private decide(files: readonly LibraryFile[], read: readonly NormalizedRunbook[]): Decision[] {
    const byId = new Map<string, string>();
    return files.map((file, index) => {
      const field = `params.files.${index}.text`;
      const { runbook, source } = read[index] as NormalizedRunbook;
      const { id, revision } = readLibraryKeys(file.text);
      const base = { file, title: runbook.title, description: runbook.description, source };
      if (id === null) return { kind: 'create', id: null, ...base };
      const other = byId.get(id);
      if (other !== undefined)
        throw new RpcError(
          'invalid_params',
          `${file.name}: ${other} has the same handrail-id ${id}; keep one`,
          field,
        );
      byId.set(id, file.name);
      const head = this.runbooks.get(id);
      if (head === undefined) return { kind: 'create', id, ...base };
      if (head.source === source) return { kind: 'unchanged', file, id, title: head.title };
      const stale =
        revision !== null && revision < head.revision
          ? `${file.name}: edited from revision ${revision}, but the library had revision ${head.revision}; ` +
            `it became a new revision after it (revision ${head.revision} is kept in the history)`
          : null;
      return { kind: 'revise', id, stale, ...base };
    });
  }

  private apply(decision: Decision, author: string, summary: LibraryImportSummary): void {
    const { file } = decision;
    if (decision.kind === 'unchanged') {
      summary.unchanged.push({ file: file.name, id: decision.id, title: decision.title });
      return;
    }
    const content = {
      title: decision.title,
      description: decision.description,
      source: decision.source,
      author,
    };
    if (decision.kind === 'create') {
      const created = this.create(decision.id, file.name, {
        ...content,
        message: `imported from ${file.name}`,
      });
      summary.created.push({ file: file.name, id: created, title: decision.title });
      return;
    }
    const head = this.runbooks.head(decision.id);
    const saved = this.runbooks.saveRevision(decision.id, {
      ...content,
      baseRevision: head.revision,
      message: `imported from ${file.name}`,
    });
    summary.revised.push({
      file: file.name,
      id: decision.id,
      title: decision.title,
      revision: saved.revision,
    });
    if (decision.stale !== null) summary.warnings.push(decision.stale);
  }

  private create(
    id: string | null,
    name: string,
    content: Parameters<RunbookRepository['create']>[0],
  ): string {
    if (id !== null && this.db.prepare('SELECT 1 FROM runbooks WHERE id = ?').get(id) !== undefined)
      throw new RpcError(
        'conflict',
        `${name}: runbook ${id} was deleted from this library; restore it first, or remove handrail-id from the file to import it as a new runbook`,
        'params.files',
      );
    return this.runbooks.create(content, id ?? undefined).id;
  }
}
