import { unfinished } from './reference-reader';

/**
 * An independent reading of a shell script's top-level commands, by lines: a command starts at
 * column 0 and goes on while it is visibly unfinished (a backslash, an open quote, `if` without
 * its `fi`, a function's braces, a here-document). Comments and blank lines between commands are
 * skipped; `set -e`/`set -x` and plain `echo` lines are left out, as docs/runbook-format.md says the
 * importer does (it honours the first and reads banners as section titles).
 */
export function scriptCommands(text: string): { line: number; text: string }[] {
  const lines = text.split('\n');
  const commands: { line: number; text: string }[] = [];
  let current: string[] | undefined;
  let start = 0;
  lines.forEach((line, index) => {
    if (current !== undefined) {
      current.push(line);
    } else if (line.trim() === '' || line.trimStart().startsWith('#')) {
      return;
    } else {
      current = [line];
      start = index + 1;
    }
    if (!unfinished(current.join('\n'))) {
      commands.push({ line: start, text: current.join('\n').trimEnd() });
      current = undefined;
    }
  });
  if (current !== undefined) commands.push({ line: start, text: current.join('\n').trimEnd() });
  return commands.filter((c) => !/^set -[ex]+$/.test(c.text) && !/^echo(?: "[^"$`]*")?$/.test(c.text));
}

/** `$1` and `${NAME:-default}` read as one mark, as the importer's variables do. */
export function normaliseScriptCommand(text: string): string {
  return text.replace(/\$\{[A-Za-z_0-9]+:-[^${}`'"\\\s]*\}|\$\{?\d\}?/g, '⟨⟩');
}
