import { RpcError } from '../../../../shared/contract/index';
import type { ShellCommand } from './command-split';

/**
 * What the host types for the runner (resources/shell-integration/*.sh, `__hr_next`): the shell
 * reads it with echo off, in canonical mode, a line at a time. Every line starts with the
 * session's nonce, so keys typed ahead by the operator (which come before it) are dropped; then
 * `h<flags>`, `|<first piece of a line>`, `+<more of the same line>`, and `.` to end. An end
 * line with nothing before it ends the block.
 *
 * Flags: `e` the block runs with errexit from its start (the runbook's `set-e`); `n` this command
 * is `set +e`; `c` it is a compound command (sh and zsh run those in a subshell under errexit).
 */
export const runnerLine = ' __hr_run\r';

/**
 * A line in canonical mode holds at most 4095 bytes (N_TTY_BUF_SIZE - 1 in Linux's n_tty);
 * pieces stay far below it with the nonce in front.
 */
const maxPieceBytes = 2048;

export function partInput(nonce: string, command: ShellCommand, errexitFromStart: boolean): string {
  const flags = `${errexitFromStart ? 'e' : ''}${turnsErrexitOff(command.text) ? 'n' : ''}${command.compound ? 'c' : ''}`;
  const lines = [`${nonce}h${flags}`];
  for (const line of command.text.split('\n')) {
    const [first = '', ...rest] = pieces(line);
    lines.push(`${nonce}|${first}`, ...rest.map((piece) => `${nonce}+${piece}`));
  }
  lines.push(`${nonce}.`);
  return `${lines.join('\n')}\n`;
}

export function endInput(nonce: string): string {
  return `${nonce}.\n`;
}

/**
 * Control characters cannot be typed through a terminal as text (Ctrl-C interrupts, Ctrl-U
 * erases the line, …): a block holding one is refused, naming the line, rather than sent
 * mangled. Tabs are fine.
 */
export function requireTypable(text: string): void {
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    // eslint-disable-next-line no-control-regex
    const match = /[\u0000-\u0008\u000b-\u001f\u007f]/.exec(line);
    if (match === null) continue;
    const code = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new RpcError(
      'invalid_params',
      `line ${index + 1} of the command holds the control character U+${code}, which a terminal cannot take as text: write it as an escape (printf '\\${code === '001B' ? 'e' : 'x' + code.slice(2)}')`,
      'params.command',
    );
  }
}

function turnsErrexitOff(text: string): boolean {
  return /^set\s+(\+[A-Za-z]*e[A-Za-z]*|\+o\s+errexit)\b/.test(text);
}

/** A line cut into pieces of at most maxPieceBytes, never inside a character. */
function pieces(line: string): string[] {
  if (Buffer.byteLength(line) <= maxPieceBytes) return [line];
  const result: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxPieceBytes) {
      result.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  result.push(current);
  return result;
}
