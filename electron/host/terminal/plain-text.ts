/**
 * Streaming removal of terminal escape sequences (CSI, OSC, DCS and two-byte escapes) and
 * control characters other than newline and tab, for the search index and command lines.
 * State carries over between chunks, so a sequence split across two reads is still removed.
 *
 * It runs on every byte a recorded terminal prints, on the host's one thread, so it scans for the
 * next character that matters and copies the runs between them as slices: a loop that looked at
 * each code point and appended it one at a time took ~28 ms per MB here, the largest single cost
 * of recording a flood (`npm run bench -- recording-overhead`).
 */
type State = 'text' | 'escape' | 'csi' | 'string' | 'stringEscape';

/** Characters text mode drops or acts on: C0 controls but \t and \n, DEL, C1 (0x9b starts a CSI). */
// eslint-disable-next-line no-control-regex -- control characters are what this module looks for
const textSpecial = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/** A CSI ends at its final byte. */
const csiFinal = /[\x40-\x7e]/g;
/** An OSC/DCS/APC/PM/SOS string ends at BEL or at ESC (the start of ST, ESC \). */
// eslint-disable-next-line no-control-regex -- BEL and ESC end a string sequence
const stringEnd = /[\x07\x1b]/g;

export class PlainTextStream {
  private state: State = 'text';

  push(text: string): string {
    const out: string[] = [];
    let index = 0;
    while (index < text.length) {
      switch (this.state) {
        case 'text': {
          const special = find(textSpecial, text, index);
          out.push(text.slice(index, special));
          if (special === text.length) return out.join('');
          const code = text.charCodeAt(special);
          if (code === 0x1b) this.state = 'escape';
          else if (code === 0x9b) this.state = 'csi';
          index = special + 1;
          break;
        }
        case 'escape': {
          const code = text.codePointAt(index)!;
          this.state = afterEscape(code);
          index += code > 0xffff ? 2 : 1;
          break;
        }
        case 'csi': {
          const final = find(csiFinal, text, index);
          if (final < text.length) this.state = 'text';
          index = final + 1;
          break;
        }
        case 'string': {
          const end = find(stringEnd, text, index);
          if (end < text.length) this.state = text.charCodeAt(end) === 0x07 ? 'text' : 'stringEscape';
          index = end + 1;
          break;
        }
        case 'stringEscape': {
          const code = text.codePointAt(index)!;
          this.state = code === 0x5c /* \ */ ? 'text' : 'string';
          index += code > 0xffff ? 2 : 1;
          break;
        }
      }
    }
    return out.join('');
  }
}

/** What the character after ESC starts. */
function afterEscape(code: number): State {
  if (code === 0x5b /* [ */) return 'csi';
  // ] OSC, P DCS, _ APC, ^ PM, X SOS: strings ended by BEL or ST.
  if (code === 0x5d || code === 0x50 || code === 0x5f || code === 0x5e || code === 0x58) return 'string';
  // Intermediate bytes (ESC ( B): the sequence goes on.
  if (code >= 0x20 && code <= 0x2f) return 'escape';
  return 'text';
}

/** Index of the next match of `pattern` (a /g regex) at or after `from`, or text.length. */
function find(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match === null ? text.length : match.index;
}

/** Plain text of a complete piece of terminal output. */
export function toPlainText(text: string): string {
  return new PlainTextStream().push(text);
}
