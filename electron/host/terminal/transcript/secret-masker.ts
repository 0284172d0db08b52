/**
 * Replaces secret values in a byte stream before it is stored, also when a value straddles two
 * chunks: the last (longest secret - 1) bytes are held back until the next chunk shows whether
 * they begin a secret. A secret is replaced by as many '*' as it has bytes, so offsets in the
 * stored transcript stay those of the stream (command output ranges need no translation); the
 * length of a secret is the one thing a transcript still tells.
 */
export const minSecretBytes = 4;
const mask = 0x2a; // '*'

export class SecretMasker {
  private secrets: Buffer[] = [];
  private pending: Buffer = Buffer.alloc(0);

  /** Adds values to mask from now on. Values shorter than minSecretBytes are refused. */
  add(values: readonly string[]): void {
    for (const value of values) {
      const bytes = Buffer.from(value, 'utf8');
      if (bytes.length < minSecretBytes)
        throw new Error(`a secret must have at least ${minSecretBytes} bytes`);
      if (!this.secrets.some((known) => known.equals(bytes))) this.secrets.push(bytes);
    }
    // Longest first, so a secret containing another is masked whole.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  /** What is held back now (not stored yet): output the live view has already shown. */
  get heldBack(): Buffer {
    return this.pending;
  }

  get holdBytes(): number {
    return Math.max(0, (this.secrets[0]?.length ?? 0) - 1);
  }

  /** Masks what can be masked now; returns the bytes safe to store (possibly fewer than given). */
  push(chunk: Buffer): Buffer {
    if (this.secrets.length === 0 && this.pending.length === 0) return chunk;
    const buffer = Buffer.concat([this.pending, chunk]);
    this.maskAll(buffer);
    const keep = Math.min(this.holdBytes, buffer.length);
    this.pending = Buffer.from(buffer.subarray(buffer.length - keep));
    return buffer.subarray(0, buffer.length - keep);
  }

  /** A whole text with every secret masked: command lines, which are stored apart from the stream. */
  maskText(text: string): string {
    if (this.secrets.length === 0) return text;
    const buffer = Buffer.from(text, 'utf8');
    this.maskAll(buffer);
    return buffer.toString('utf8');
  }

  /** Releases the held bytes (end of stream, or a point no secret can straddle). */
  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }

  private maskAll(buffer: Buffer): void {
    for (const secret of this.secrets) {
      let from = 0;
      for (;;) {
        const found = buffer.indexOf(secret, from);
        if (found === -1) break;
        buffer.fill(mask, found, found + secret.length);
        from = found + secret.length;
      }
    }
  }
}
