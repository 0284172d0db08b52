/**
 * Characters that change how the text around them is shown wherever it is printed: a terminal
 * obeys ESC and OSC sequences, and bidi controls reorder text, as in Trojan Source
 * (CVE-2021-42574). One list for the contract, which refuses them in names and roles, and for the
 * reports and the CLI (electron/host/report/visible-controls.ts), which show them as markers.
 */

/** Unicode bidirectional formatting characters (UAX #9, 2.1-2.6): U+061C, U+200E/F, U+202A-E, U+2066-9. */
export const bidiControls: ReadonlySet<number> = new Set([
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

/** Whether a code point is a C0 or C1 control, DEL or a bidi formatting character. */
export function isDisplayControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code < 0xa0) || bidiControls.has(code);
}

/** Whether the text holds a C0 or C1 control, DEL or a bidi formatting character. */
export function holdsDisplayControls(text: string): boolean {
  for (const character of text) if (isDisplayControl(character.codePointAt(0)!)) return true;
  return false;
}
