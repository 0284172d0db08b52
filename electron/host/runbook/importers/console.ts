/**
 * Console-block heuristics: prompts, output lines, set -e and sleeps. Patterns are anchored and
 * use bounded classes only, so no input can make them backtrack badly.
 */

/** `$ `, `# `, `user@host:~$ `, `(venv) $ ` at the start of a line in a console block. */
const promptPattern = /^(?:\([^()\n]{0,60}\)\s?)?(?:[\w.-]{1,64}@[\w.-]{1,64}(?::[^\s$#]{0,200})?\s?)?[$#] /;

export interface ConsoleCommand {
  text: string;
  /** Lines shown after a prompt that are the command's output, not something to run. */
  output?: string;
}

/** Splits a console transcript into the commands (prompts stripped) and their shown output. */
export function readConsole(text: string): ConsoleCommand {
  const lines = text.split('\n');
  if (!lines.some((line) => promptPattern.test(line))) return { text };
  const commands: string[] = [];
  const output: string[] = [];
  let continuing = false;
  for (const line of lines) {
    const prompt = promptPattern.exec(line);
    if (prompt !== null) {
      commands.push(line.slice(prompt[0].length));
      continuing = line.endsWith('\\');
    } else if (continuing) {
      commands.push(line);
      continuing = line.endsWith('\\');
    } else if (line.trim() !== '') {
      output.push(line);
    }
  }
  return output.length > 0
    ? { text: commands.join('\n'), output: output.join('\n') }
    : { text: commands.join('\n') };
}

export function hasSetE(text: string): boolean {
  return /^\s*set\s+-[a-z]*e[a-z]*\b/m.test(text) || /^\s*set\s+-o\s+errexit\b/m.test(text);
}

export type CommandPiece = { type: 'command'; text: string } | { type: 'wait'; seconds: number };

/**
 * `sleep N` alone on a line between commands becomes a wait step. Not inside loops or
 * conditionals (the sleep is then part of the logic), and not in `set -e` blocks (run as one).
 */
export function splitSleeps(text: string): CommandPiece[] {
  if (hasSetE(text) || /\b(?:do|then|else)\s*$|[{(]\s*$|\\$/m.test(text)) return [{ type: 'command', text }];
  const pieces: CommandPiece[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    const sleep = /^sleep\s+(\d{1,6})s?\s*$/.exec(line);
    if (sleep === null) {
      current.push(line);
      continue;
    }
    if (current.join('').trim() !== '') pieces.push({ type: 'command', text: current.join('\n').trim() });
    current = [];
    pieces.push({ type: 'wait', seconds: Math.max(1, Number(sleep[1])) });
  }
  if (current.join('').trim() !== '') pieces.push({ type: 'command', text: current.join('\n').trim() });
  return pieces;
}
