/**
 * Streaming removal of terminal escape sequences (CSI, OSC, DCS and two-byte escapes) and
 * control characters other than newline and tab, for the search index and command lines.
 * State carries over between chunks, so a sequence split across two reads is still removed.
 */
type State = 'text' | 'escape' | 'csi' | 'string' | 'stringEscape';

export class PlainTextStream {
  private state: State = 'text';

  push(text: string): string {
    let out = '';
    for (const char of text) {
      const code = char.codePointAt(0) ?? 0;
      switch (this.state) {
        case 'text':
          if (code === 0x1b) this.state = 'escape';
          else if (code === 0x9b) this.state = 'csi';
          else if (
            char === '\n' ||
            char === '\t' ||
            (code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0))
          )
            out += char;
          break;
        case 'escape':
          if (char === '[') this.state = 'csi';
          else if (char === ']' || char === 'P' || char === '_' || char === '^' || char === 'X')
            this.state = 'string';
          else if (code >= 0x20 && code <= 0x2f)
            this.state = 'escape'; // intermediate bytes: ESC ( B
          else this.state = 'text';
          break;
        case 'csi':
          if (code >= 0x40 && code <= 0x7e) this.state = 'text';
          break;
        case 'string':
          if (code === 0x07) this.state = 'text';
          else if (code === 0x1b) this.state = 'stringEscape';
          break;
        case 'stringEscape':
          this.state = char === '\\' ? 'text' : 'string';
          break;
      }
    }
    return out;
  }
}

/** Plain text of a complete piece of terminal output. */
export function toPlainText(text: string): string {
  return new PlainTextStream().push(text);
}
