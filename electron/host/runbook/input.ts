import { RunbookInputError } from './errors';

/** 50 MB: matches the contract's limit; the biggest real guide we know is 34 kB. */
export const maxInputBytes = 50 * 1024 * 1024;

/**
 * Turns file bytes into text, refusing what is not a text file: over the size limit, containing
 * NUL bytes (binary), or not valid UTF-8. A leading byte-order mark is dropped.
 */
export function decodeInput(input: string | Uint8Array, file: string): string {
  const text = typeof input === 'string' ? input : decodeBytes(input, file);
  if (typeof input === 'string' && text.length > maxInputBytes) {
    throw RunbookInputError.at(file, 1, 1, `the file is larger than ${maxInputBytes / 1024 / 1024} MB`);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const { line, column } = positionOf(text, nul);
    throw RunbookInputError.at(
      file,
      line,
      column,
      'this is a binary file (it contains NUL bytes), not a text guide',
    );
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function decodeBytes(bytes: Uint8Array, file: string): string {
  if (bytes.byteLength > maxInputBytes) {
    throw RunbookInputError.at(file, 1, 1, `the file is larger than ${maxInputBytes / 1024 / 1024} MB`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A NUL byte in the first 8 kB is how git and grep tell binary files apart.
    if (bytes.subarray(0, 8192).includes(0)) {
      throw RunbookInputError.at(file, 1, 1, 'this is a binary file, not a text guide');
    }
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const { line, column } = positionOf(before, before.length);
    throw RunbookInputError.at(file, line, column, `invalid UTF-8 at byte ${offset}: save the file as UTF-8`);
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i] ?? 0);
    if (length === 0) return i;
    for (let k = 1; k < length; k += 1) {
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return i;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead < 0xe0) return 2;
  if (lead >= 0xe0 && lead < 0xf0) return 3;
  if (lead >= 0xf0 && lead < 0xf5) return 4;
  return 0;
}

/** 1-based line and column of a string offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
