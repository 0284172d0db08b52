/**
 * Text given in pieces as UTF-8 bytes equal to those of the whole text. Encoding each piece on
 * its own would differ only where a surrogate pair is split between two pieces (each half would
 * become U+FFFD), so a piece's trailing high surrogate is held back and goes with the next piece;
 * a lone one left at the end is encoded as the whole string's encoding would (U+FFFD).
 */
export class Utf8Pieces {
  private held = '';

  encode(text: string): Buffer {
    const whole = this.held + text;
    const last = whole.charCodeAt(whole.length - 1);
    const highSurrogate = last >= 0xd800 && last <= 0xdbff;
    this.held = highSurrogate ? whole.slice(-1) : '';
    return Buffer.from(highSurrogate ? whole.slice(0, -1) : whole, 'utf8');
  }

  /** The held-back character's bytes, if any: call once, after the last piece. */
  end(): Buffer {
    const rest = Buffer.from(this.held, 'utf8');
    this.held = '';
    return rest;
  }
}
