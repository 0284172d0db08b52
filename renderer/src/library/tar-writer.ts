/**
 * A minimal POSIX ustar archive writer, for downloading the library as one file the browser can
 * save (a folder cannot be downloaded) and any system can unpack (`tar xf`). Regular files only:
 * a 512-byte header per file (name split into prefix/name, octal size, checksum), the content
 * padded to 512 bytes, and two zero blocks at the end (POSIX.1-2001, pax "ustar" interchange format).
 */
const block = 512;

export interface TarEntry {
  /** Path inside the archive, `/`-separated; its last part at most 100 bytes, folders at most 155. */
  path: string;
  data: Uint8Array;
}

export function writeTar(entries: readonly TarEntry[], mtimeSeconds: number): Uint8Array {
  const size = entries.reduce((sum, entry) => sum + block + padded(entry.data.length), 2 * block);
  const archive = new Uint8Array(size);
  let at = 0;
  for (const entry of entries) {
    archive.set(header(entry, mtimeSeconds), at);
    archive.set(entry.data, at + block);
    at += block + padded(entry.data.length);
  }
  return archive;
}

function padded(length: number): number {
  return Math.ceil(length / block) * block;
}

function header(entry: TarEntry, mtimeSeconds: number): Uint8Array {
  const bytes = new Uint8Array(block);
  const { prefix, name } = splitPath(entry.path);
  put(bytes, 0, 100, name);
  put(bytes, 100, 8, octal(0o644, 7));
  put(bytes, 108, 8, octal(0, 7));
  put(bytes, 116, 8, octal(0, 7));
  put(bytes, 124, 12, octal(entry.data.length, 11));
  put(bytes, 136, 12, octal(Math.max(0, Math.floor(mtimeSeconds)), 11));
  bytes.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  bytes[156] = 0x30; // '0': a regular file
  put(bytes, 257, 6, 'ustar');
  put(bytes, 263, 2, '00');
  put(bytes, 345, 155, prefix);
  const sum = bytes.reduce((total, byte) => total + byte, 0);
  put(bytes, 148, 8, `${octal(sum, 6)}\0 `);
  return bytes;
}

function splitPath(path: string): { prefix: string; name: string } {
  const encoder = new TextEncoder();
  if (encoder.encode(path).length <= 100) return { prefix: '', name: path };
  const cut = path.lastIndexOf('/');
  const prefix = cut < 0 ? '' : path.slice(0, cut);
  const name = path.slice(cut + 1);
  if (encoder.encode(name).length > 100 || encoder.encode(prefix).length > 155)
    throw new Error(`${path}: too long for a tar archive (name 100 bytes, folders 155)`);
  return { prefix, name };
}

function octal(value: number, digits: number): string {
  return value.toString(8).padStart(digits, '0');
}

function put(bytes: Uint8Array, offset: number, length: number, text: string): void {
  const encoded = new TextEncoder().encode(text);
  bytes.set(encoded.subarray(0, length), offset);
}
