/**
 * Character attributes set by SGR (Select Graphic Rendition, ECMA-48 8.3.117, `ESC [ ... m`) as
 * terminals implement them: bold, faint, italic, underline, inverse, strike-through, the 16
 * palette colours, the 256-colour palette and 24-bit colour, in both `;` and `:` forms.
 * Conceal (8) is deliberately ignored so that a report never hides text.
 */

export type TerminalColor = { palette: number } | { rgb: readonly [number, number, number] } | null;

export interface TerminalStyle {
  readonly bold: boolean;
  readonly faint: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
  readonly inverse: boolean;
  readonly strike: boolean;
  readonly foreground: TerminalColor;
  readonly background: TerminalColor;
}

export const plainStyle: TerminalStyle = {
  bold: false,
  faint: false,
  italic: false,
  underline: false,
  inverse: false,
  strike: false,
  foreground: null,
  background: null,
};

const flagCodes: Record<number, Partial<TerminalStyle>> = {
  1: { bold: true },
  2: { faint: true },
  3: { italic: true },
  4: { underline: true },
  7: { inverse: true },
  9: { strike: true },
  21: { underline: true },
  22: { bold: false, faint: false },
  23: { italic: false },
  24: { underline: false },
  27: { inverse: false },
  29: { strike: false },
  39: { foreground: null },
  49: { background: null },
};

/** The style after the SGR parameters `params` (the text between `ESC [` and `m`). */
export function applySgr(style: TerminalStyle, params: string): TerminalStyle {
  // Each `;` group may carry `:` sub-parameters (ITU T.416 form, e.g. 38:2::255:0:0 or 4:3).
  const groups = params.split(';').map((group) => group.split(':').map(toNumber));
  let next: TerminalStyle = style;
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index] ?? [0];
    const code = group[0] ?? 0;
    if (code === 38 || code === 48 || code === 58) {
      let color: TerminalColor | undefined;
      if (group.length > 1) color = extendedColor(group.slice(1), true);
      else {
        const following = groups.slice(index + 1).map((later) => later[0] ?? 0);
        const { color: parsed, consumed } = extendedColorFromList(following);
        color = parsed;
        index += consumed;
      }
      // 58 is the underline colour: consumed, not shown.
      if (color !== undefined && code === 38) next = { ...next, foreground: color };
      if (color !== undefined && code === 48) next = { ...next, background: color };
    } else next = applySimple(next, code, group);
  }
  return next;
}

function applySimple(style: TerminalStyle, code: number, group: number[]): TerminalStyle {
  if (code === 0) return plainStyle;
  // 4:0 turns underline off; 4:1..4:5 are underline styles.
  if (code === 4 && group.length > 1) return { ...style, underline: group[1] !== 0 };
  const flags = flagCodes[code];
  if (flags) return { ...style, ...flags };
  if (code >= 30 && code <= 37) return { ...style, foreground: { palette: code - 30 } };
  if (code >= 40 && code <= 47) return { ...style, background: { palette: code - 40 } };
  if (code >= 90 && code <= 97) return { ...style, foreground: { palette: code - 90 + 8 } };
  if (code >= 100 && code <= 107) return { ...style, background: { palette: code - 100 + 8 } };
  return style;
}

/** `5;n` or `2;r;g;b` following 38/48 in `;` form: how many parameters it took. */
function extendedColorFromList(following: number[]): { color: TerminalColor | undefined; consumed: number } {
  if (following[0] === 5)
    return { color: paletteColor(following[1]), consumed: Math.min(2, following.length) };
  if (following[0] === 2)
    return { color: extendedColor(following.slice(0, 4), false), consumed: Math.min(4, following.length) };
  return { color: undefined, consumed: following.length === 0 ? 0 : 1 };
}

/** `5:n`, `2:r:g:b` or `2:colourspace:r:g:b` in `:` form. */
function extendedColor(sub: number[], colonForm: boolean): TerminalColor | undefined {
  if (sub[0] === 5) return paletteColor(sub[1]);
  if (sub[0] !== 2) return undefined;
  const rgb = colonForm && sub.length >= 5 ? sub.slice(2, 5) : sub.slice(1, 4);
  const [r, g, b] = rgb;
  if (rgb.length !== 3 || ![r, g, b].every(isByte)) return undefined;
  return { rgb: [r ?? 0, g ?? 0, b ?? 0] };
}

/** Indices 0-15 stay palette entries; 16-255 are the xterm 6x6x6 cube and grey ramp (xterm 256colres.pl). */
function paletteColor(index: number | undefined): TerminalColor | undefined {
  if (index === undefined || !isByte(index)) return undefined;
  if (index < 16) return { palette: index };
  if (index < 232) {
    const levels = [0, 95, 135, 175, 215, 255];
    const cube = index - 16;
    const level = (n: number) => levels[n] ?? 0;
    return { rgb: [level(Math.floor(cube / 36)), level(Math.floor(cube / 6) % 6), level(cube % 6)] };
  }
  const grey = 8 + (index - 232) * 10;
  return { rgb: [grey, grey, grey] };
}

function isByte(value: number | undefined): value is number {
  return value !== undefined && Number.isInteger(value) && value >= 0 && value <= 255;
}

function toNumber(text: string): number {
  // Empty parameters default to 0 (ECMA-48 5.4.2); digits only reach here.
  return text === '' ? 0 : Math.min(Number.parseInt(text, 10), 65_535);
}
