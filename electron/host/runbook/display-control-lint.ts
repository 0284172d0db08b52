import type { Diagnostic } from '../../../shared/runbook/index';
import { isDisplayControl } from '../../../shared/text/display-controls';

/** Names of the bidi formatting characters (Unicode's own), for a message a reader can act on. */
const bidiNames: ReadonlyMap<number, string> = new Map([
  [0x061c, 'ARABIC LETTER MARK'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
]);

/**
 * Warns at every bidi formatting character and every control character but tab (and the CR of a
 * CRLF line end) in a runbook file (issue 19). A bidi control makes a command read in one order
 * and run in another (Trojan Source, CVE-2021-42574); an escape or other control changes what a
 * terminal or an editor shows around it. Legitimate uses are rare in a runbook and the reviewer
 * should see each one, so each is named with its line and column, once per line.
 */
export function displayControlWarnings(text: string, fileName: string): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const found = firstControl(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (found === undefined) continue;
    warnings.push({
      severity: 'warning',
      message: `${describe(found.code)}: this line may be shown differently from what it holds or runs; remove it unless it is meant`,
      file: fileName,
      line: index + 1,
      column: found.column,
    });
  }
  return warnings;
}

function firstControl(line: string): { code: number; column: number } | undefined {
  let column = 0;
  for (const character of line) {
    column += 1;
    const code = character.codePointAt(0) ?? 0;
    if (code !== 0x09 && isDisplayControl(code)) return { code, column };
  }
  return undefined;
}

function describe(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const bidi = bidiNames.get(code);
  if (bidi !== undefined) return `${hex} ${bidi}, a bidirectional control (Trojan Source)`;
  return `${hex}, a control character`;
}
