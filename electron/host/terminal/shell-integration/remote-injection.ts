import { remoteScript, type ShellKind } from './integration-scripts';

/**
 * Installing the integration in a remote shell without writing to its disk. Two steps:
 * 1. One short line is typed (with a leading space, so HISTCONTROL=ignorespace keeps it out of
 *    the history). It turns echo off, prints a P mark naming the shell, and reads lines from the
 *    terminal until an end line.
 * 2. When the host sees that mark, it types the script for that shell, then the end line. With
 *    echo off the script never appears; the loader evaluates it with the nonce set.
 * The host hides the loader's echo from the screen (it stays in the transcript) until the first
 * prompt mark, so the operator sees one clean prompt.
 */
export const endLine = '__HANDRAIL_END__';

export function loaderLine(nonce: string): string {
  return (
    ` stty -echo; printf '\\033]633;P;${nonce};ready;%s\\007' "\${ZSH_VERSION:+zsh}\${BASH_VERSION:+bash}";` +
    ` __hr_s=$(while IFS= read -r __hr_l && [ "$__hr_l" != ${endLine} ]; do printf '%s\\n' "$__hr_l"; done);` +
    ` stty echo; __hr_nonce=${nonce}; eval "$__hr_s"; unset __hr_s __hr_l\r`
  );
}

/** The script lines to type after the loader's P mark, ending with the end line. */
export function scriptInput(kind: ShellKind): string {
  const lines = remoteScript(kind)
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  return `${[...lines, endLine].join('\r')}\r`;
}

/** Which script the loader's P mark asks for: "ready;bash", "ready;zsh", or "ready;" for sh. */
export function requestedShell(argument: string | undefined): ShellKind | undefined {
  if (argument === undefined || !argument.startsWith('ready')) return undefined;
  const name = argument.split(';')[1] ?? '';
  return name === 'bash' ? 'bash' : name === 'zsh' ? 'zsh' : 'sh';
}
