/* eslint-disable no-control-regex -- this file exists to find control characters */
import { escapeHtml } from './html-escape';

/**
 * Placeholder until the safe terminal renderer lands (colours as spans, controls shown
 * visibly): escapes, drops escape sequences and shows other controls as their code.
 */
export function terminalOutputHtml(text: string): string {
  const withoutEscapes = text.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?/g, '');
  return escapeHtml(withoutEscapes).replace(
    /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g,
    (char) =>
      `<span class="ctl">U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}</span>`,
  );
}
