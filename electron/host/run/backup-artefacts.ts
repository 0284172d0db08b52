/** A file a backup command produced, as read from its output. */
export interface Artefact {
  path: string;
  sizeBytes: number | null;
  /** `<algorithm>:<hex>`, the algorithm told by the digest's length. */
  checksum: string | null;
}

const digestAlgorithms: Readonly<Record<number, string>> = {
  32: 'md5',
  40: 'sha1',
  64: 'sha256',
  128: 'sha512',
};

/** `sha256sum`/`md5sum` lines: `<hex>  <path>` (text mode) or `<hex> *<path>` (binary mode). */
const checksumLine = /^([0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128}) [ *](\S.*)$/;
/** `ls -l` lines of regular files: mode, links, owner, group, size, a date in any of ls's styles, name. */
const lsLine =
  /^-[rwxsStT-]{9}[.+@]?\s+\d+\s+\S+\s+\S+\s+(\d+)\s+(?:\w{3}\s+\d{1,2}\s+(?:\d{1,2}:\d{2}|\d{4})|\d{1,2}\s+\w{3}\s+(?:\d{1,2}:\d{2}|\d{4})|\d{4}-\d{2}-\d{2}(?:\s+\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s+[+-]\d{4})?)?)\s+(\S.*)$/;
/** `stat -c '%s %n'` lines; the name must look like a path so that "3 errors" is not a file. */
const statLine = /^(\d+) ((?:\.{0,2}\/|~\/)\S*|[\w.-]+\.[A-Za-z0-9]+)$/;

/**
 * The files a backup command's output names, with size and checksum where the output gives
 * them; the same path seen twice (a checksum line and an ls line) is one artefact.
 */
export function parseArtefacts(output: string): Artefact[] {
  const byPath = new Map<string, Artefact>();
  const note = (named: string, fields: Partial<Artefact>): void => {
    // `./db.tar` from stat and `db.tar` from sha256sum are the same file.
    const path = named.replace(/^(\.\/)+(?=.)/, '');
    const artefact = byPath.get(path) ?? { path, sizeBytes: null, checksum: null };
    byPath.set(path, { ...artefact, ...definedOnly(fields) });
  };
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\r$/, '').trimEnd();
    const checksum = checksumLine.exec(line);
    if (checksum !== null) {
      const hex = (checksum[1] as string).toLowerCase();
      note(checksum[2] as string, { checksum: `${digestAlgorithms[hex.length]}:${hex}` });
      continue;
    }
    const listing = lsLine.exec(line) ?? statLine.exec(line);
    if (listing !== null) note(listing[2] as string, { sizeBytes: Number(listing[1]) });
  }
  return [...byPath.values()];
}

function definedOnly(fields: Partial<Artefact>): Partial<Artefact> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined && value !== null),
  );
}
