import { parse } from 'yaml';

/**
 * A runbook in a library folder is its file as stored, with two more front matter keys: which
 * runbook it is (`handrail-id`, so an import matches it again whatever the file is called) and
 * the revision it was exported from (`handrail-revision`, to warn when an edit started from an
 * older one). The runbook parser ignores keys it does not know, so the file stays a runbook file.
 */
export const idKey = 'handrail-id';
export const revisionKey = 'handrail-revision';

const frontMatter = /^---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stored file with the library keys first in its front matter (a front matter is added if none). */
export function withLibraryKeys(source: string, id: string, revision: number): string {
  const keys = `${idKey}: "${id}"\n${revisionKey}: ${revision}\n`;
  return source.startsWith('---\n') ? `---\n${keys}${source.slice(4)}` : `---\n${keys}---\n\n${source}`;
}

export interface LibraryKeys {
  id: string | null;
  revision: number | null;
}

/** The library keys of a file; null where missing or not well formed (the file is then new). */
export function readLibraryKeys(text: string): LibraryKeys {
  const block = frontMatter.exec(text)?.[1];
  if (block === undefined) return { id: null, revision: null };
  let data: unknown;
  try {
    data = parse(block, { schema: 'failsafe' });
  } catch {
    // A front matter that is not YAML is reported by the runbook parser, with its line.
    return { id: null, revision: null };
  }
  if (typeof data !== 'object' || data === null) return { id: null, revision: null };
  const record = data as Record<string, unknown>;
  const id =
    typeof record[idKey] === 'string' && uuid.test(record[idKey]) ? record[idKey].toLowerCase() : null;
  const revisionText = record[revisionKey];
  const revision =
    typeof revisionText === 'string' && /^[1-9]\d{0,8}$/.test(revisionText) ? Number(revisionText) : null;
  return { id, revision };
}
