import { createHash } from 'node:crypto';

/** One file of a pack and the SHA-256 of its bytes, lowercase hex. */
export interface ManifestLine {
  path: string;
  sha256: string;
}

/**
 * Pack paths are plain ASCII (letters, digits, `.`, `_`, `-`, `/`): GNU sha256sum escapes a name
 * holding a backslash or newline (a leading `\` on the line), and a name that needs no escape
 * reads the same in every tool. Names are made by Handrail, so this only guards its own code.
 */
const safePath = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._/-]+$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The manifest in the format `sha256sum` prints and `sha256sum -c` reads (GNU coreutils, "BSD
 * style" aside): the hash, two spaces (text mode; the bytes are hashed as they are on every
 * system coreutils supports), the path relative to the pack's folder, a newline.
 */
export function manifestText(lines: readonly ManifestLine[]): string {
  return lines
    .map((line) => {
      if (!safePath.test(line.path)) throw new Error(`${line.path}: not a path a pack may hold`);
      return `${line.sha256}  ${line.path}\n`;
    })
    .join('');
}

export class ManifestFormatError extends Error {
  override name = 'ManifestFormatError';
}

/** Reads a manifest back; a line that is not `<64 hex>  <safe path>` is refused by number. */
export function parseManifest(text: string): ManifestLine[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, index) => {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (match === null || !safePath.test(match[2] as string))
      throw new ManifestFormatError(`MANIFEST line ${index + 1}: not "<sha256>  <path>"`);
    return { sha256: match[1] as string, path: match[2] as string };
  });
}
