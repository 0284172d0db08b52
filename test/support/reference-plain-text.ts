/**
 * The rules, written the slow and obvious way (one code point at a time), as the oracle the
 * scanning implementation must agree with on any input split anywhere.
 */
export function referencePlainText(text: string): string {
  let state: 'text' | 'escape' | 'csi' | 'string' | 'stringEscape' = 'text';
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (state === 'text') {
      if (code === 0x1b) state = 'escape';
      else if (code === 0x9b) state = 'csi';
      else if (
        char === '\n' ||
        char === '\t' ||
        (code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0))
      )
        out += char;
    } else if (state === 'escape') {
      if (char === '[') state = 'csi';
      else if (']P_^X'.includes(char)) state = 'string';
      else if (code >= 0x20 && code <= 0x2f) state = 'escape';
      else state = 'text';
    } else if (state === 'csi') {
      if (code >= 0x40 && code <= 0x7e) state = 'text';
    } else if (state === 'string') {
      if (code === 0x07) state = 'text';
      else if (code === 0x1b) state = 'stringEscape';
    } else state = char === '\\' ? 'text' : 'string';
  }
  return out;
}
