/**
 * The SSH wire encoding (RFC 4251 section 5) that SSH keys and SSH signatures are made of:
 * uint32 big-endian lengths, length-prefixed strings and mpints.
 */

export class SshFormatError extends Error {
  override name = 'SshFormatError';
}

/** Reads fields in order from one buffer; every read checks bounds and throws SshFormatError. */
export class SshReader {
  private offset = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  uint32(field: string): number {
    this.need(4, field);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 4);
    this.offset += 4;
    return view.getUint32(0);
  }

  bytesOf(length: number, field: string): Uint8Array {
    this.need(length, field);
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  string(field: string): Uint8Array {
    return this.bytesOf(this.uint32(`${field} length`), field);
  }

  /** A string field holding text; SSH names and namespaces are ASCII/UTF-8. */
  text(field: string): string {
    return new TextDecoder('utf-8', { fatal: false }).decode(this.string(field));
  }

  /** A non-negative mpint as big-endian magnitude bytes without leading zeros. */
  positiveMpint(field: string): Uint8Array {
    const raw = this.string(field);
    if (raw.length > 0 && (raw[0] ?? 0) & 0x80) throw this.fail(`${field} is negative`);
    let start = 0;
    while (start < raw.length && raw[start] === 0) start++;
    return raw.subarray(start);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Called when the structure is complete: trailing bytes mean the input is not what it claims. */
  end(): void {
    if (this.remaining !== 0) throw this.fail(`${this.remaining} unexpected trailing bytes`);
  }

  fail(problem: string): SshFormatError {
    return new SshFormatError(`${this.what}: ${problem}`);
  }

  private need(length: number, field: string): void {
    if (length > this.remaining) throw this.fail(`truncated at ${field}`);
  }
}

export function sshUint32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export function sshString(value: Uint8Array | string): Uint8Array {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  return concatBytes(sshUint32(bytes.length), bytes);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Unpadded base64url (JWK) of big-endian magnitude bytes, left-padded to `length` when given. */
export function base64UrlOf(bytes: Uint8Array, length?: number): string {
  const padded = length === undefined || bytes.length >= length ? bytes : leftPad(bytes, length);
  return Buffer.from(padded).toString('base64url');
}

export function leftPad(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length >= length) return bytes;
  const out = new Uint8Array(length);
  out.set(bytes, length - bytes.length);
  return out;
}
