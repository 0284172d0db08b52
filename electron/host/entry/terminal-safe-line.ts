import { withVisibleControls } from '../report/visible-controls';

/**
 * One line of CLI output that holds text from a file or a record (a signer's name, a guide's
 * line): every control, bidi and invisible character is shown as the reports show it (␛, <U+202E>),
 * and so are newline and tab, since the line must stay one line. The reader's terminal then
 * obeys nothing in it: no SGR 8 hiding the verdict, no OSC 52 setting their clipboard, no cursor
 * movement overwriting an earlier line, no reordering.
 */
export function terminalSafeLine(text: string): string {
  return withVisibleControls(text, { lineBreaks: true });
}
