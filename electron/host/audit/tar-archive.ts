import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * A POSIX ustar archive (POSIX.1-1988 "ustar" interchange format, as `tar --format=ustar` writes
 * it), written by Handrail rather than by a system tar: the same bytes on Linux, macOS and
 * Windows (GNU tar and bsdtar differ in headers, and Windows may have neither), no owner or
 * host names leaked from this machine, and `handrail verify` can read a pack back without
 * unpacking it to disk. Only what a pack needs: regular files and folders, names up to ustar's
 * 255 bytes (prefix + name), sizes up to 8 GiB.
 */

const block = 512;
/** GNU tar's default record (blocking factor 20): the archive is padded to a whole record. */
const record = 20 * block;

export interface TarEntry {
  /** Path inside the archive, `/`-separated; a folder's ends with `/`. */
  name: string;
  type: 'file' | 'directory';
  data: Buffer;
}

/** Writes entries to a file as they come, so a pack is never whole in memory. */
export class TarWriter {
  private readonly fd: number;
  private written = 0;
  private closed = false;

  constructor(
    path: string,
    /** Every entry's modification time: the pack's creation, so all entries agree. */
    private readonly mtime: Date,
  ) {
    this.fd = openSync(path, 'w', 0o600);
  }

  directory(name: string): void {
    this.write(header(name.endsWith('/') ? name : `${name}/`, 0, '5', 0o755, this.mtime));
  }

  file(name: string, data: Uint8Array): void {
    this.write(header(name, data.length, '0', 0o644, this.mtime));
    this.write(data);
    const padding = (block - (data.length % block)) % block;
    if (padding > 0) this.write(Buffer.alloc(padding));
  }

  /** Two zero blocks end the archive; zeros then fill its last record. */
  close(): void {
    try {
      this.write(Buffer.alloc(2 * block));
      const padding = (record - (this.written % record)) % record;
      if (padding > 0) this.write(Buffer.alloc(padding));
    } finally {
      this.abandon();
    }
  }

  /** Closes the file (after a failure, leaving the caller to remove it); once only. */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private write(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset);
    this.written += bytes.length;
  }
}

export class TarFormatError extends Error {
  override name = 'TarFormatError';
}

/** Whether the bytes start with a ustar header (magic `ustar` at offset 257). */
export function looksLikeTar(head: Uint8Array): boolean {
  return head.length >= 263 && Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar';
}

/**
 * Reads an archive's entries. Anything but files and folders (links, devices, GNU or pax
 * extensions) is refused by name: a pack never holds one, and following a link could check a
 * file other than the one a reader's tar would unpack.
 */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + block <= archive.length) {
    const head = archive.subarray(offset, offset + block);
    if (head.every((byte) => byte === 0)) return entries;
    const name = nameOf(head);
    if (checksumOf(head) !== octal(head, 148, 8))
      throw new TarFormatError(`${name}: the header's checksum is wrong`);
    const size = octal(head, 124, 12);
    const type = String.fromCharCode(head[156] ?? 0);
    const start = offset + block;
    if (start + size > archive.length) throw new TarFormatError(`${name}: the archive ends inside it`);
    if (type === '0' || type === '\0')
      entries.push({ name, type: 'file', data: archive.subarray(start, start + size) });
    else if (type === '5') entries.push({ name, type: 'directory', data: Buffer.alloc(0) });
    else throw new TarFormatError(`${name}: entry type "${type}" is not a file or folder`);
    offset = start + Math.ceil(size / block) * block;
  }
  throw new TarFormatError('the archive has no end marker (two zero blocks)');
}

function header(name: string, size: number, type: '0' | '5', mode: number, mtime: Date): Buffer {
  const bytes = Buffer.alloc(block);
  const [prefix, base] = splitName(name);
  bytes.write(base, 0, 100, 'utf8');
  bytes.write(octalField(mode, 8), 100, 'latin1');
  bytes.write(octalField(0, 8), 108, 'latin1');
  bytes.write(octalField(0, 8), 116, 'latin1');
  bytes.write(octalField(size, 12), 124, 'latin1');
  bytes.write(octalField(Math.floor(mtime.getTime() / 1000), 12), 136, 'latin1');
  bytes.write(type, 156, 'latin1');
  bytes.write('ustar\u000000', 257, 'latin1');
  bytes.write(prefix, 345, 155, 'utf8');
  const sum = checksumOf(bytes);
  // Six octal digits, NUL, space: the layout every tar writes and reads.
  bytes.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  return bytes;
}

/** ustar keeps up to 100 bytes in `name` and 155 more in `prefix`, split at a `/`. */
function splitName(name: string): [string, string] {
  if (Buffer.byteLength(name) <= 100) return ['', name];
  for (let cut = name.indexOf('/'); cut !== -1; cut = name.indexOf('/', cut + 1)) {
    const prefix = name.slice(0, cut);
    const base = name.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100 && base !== '')
      return [prefix, base];
  }
  throw new TarFormatError(`${name}: too long for a ustar name`);
}

function nameOf(head: Uint8Array): string {
  const base = cString(head, 0, 100);
  const prefix = cString(head, 345, 155);
  return prefix === '' ? base : `${prefix}/${base}`;
}

/** The header's bytes summed, its checksum field counted as eight spaces. */
function checksumOf(head: Uint8Array): number {
  let sum = 0;
  for (let index = 0; index < block; index += 1)
    sum += index >= 148 && index < 156 ? 0x20 : (head[index] as number);
  return sum;
}

function octalField(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\u0000`;
}

function octal(head: Uint8Array, start: number, width: number): number {
  const text = cString(head, start, width).trim();
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError(`a header field holds "${text}", not an octal number`);
  return text === '' ? 0 : Number.parseInt(text, 8);
}

function cString(head: Uint8Array, start: number, width: number): string {
  const field = head.subarray(start, start + width);
  const end = field.indexOf(0);
  return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString('utf8');
}
