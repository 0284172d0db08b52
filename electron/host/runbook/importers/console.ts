/**
 * Console transcripts in guides: which lines are typed commands (after a prompt, with their
 * continuation lines) and which are output. One prompt rule decides both whether a block is a
 * transcript and what to strip. Patterns are anchored and bounded, so no input backtracks badly.
 */

/**
 * `$ `, `# `, `(venv) $ `, `user@host:~$ `, `[root@host /]# `, `(container)[root@host /]# `.
 * The optional parts come first, then the prompt character and one space.
 */
const promptPattern =
  /^(?:\([^()\n]{0,60}\)\s?)?(?:\[[^\][\n]{0,120}\]|[\w.-]{1,64}@[\w.-]{1,64}(?::[^\s$#]{0,200})?\s?)?([$#]) /;

/** The prompt at the start of the line ('' when none). `# ` is a prompt only where `hashIsPrompt`. */
export function promptAt(line: string, hashIsPrompt: boolean): string {
  const match = promptPattern.exec(line);
  if (match === null) return '';
  // A bare `# ` is a comment in a transcript that uses `$` prompts, unless a command follows it.
  if (match[1] === '#' && !hashIsPrompt && match[0] === '# ' && !readsAsCommand(line.slice(2))) return '';
  return match[0];
}

export interface Transcript {
  /** The typed commands, prompts removed, in order (each may span lines). */
  commands: string[];
  /** Lines that are the commands' output, not something to run. */
  output: string[];
  /** Output lines that read like commands typed without a prompt (1-based within the block). */
  unpromptedCommandLines: number[];
}

/** Whether any line starts with a prompt. */
export function hasPrompt(text: string): boolean {
  return text.split('\n').some((line) => promptAt(line, true) !== '');
}

/** Splits a transcript into commands (prompt lines and their continuations) and output. */
export function readTranscript(text: string): Transcript {
  const lines = text.split('\n');
  const dollar = lines.some((line) => promptAt(line, false).endsWith('$ '));
  const transcript: Transcript = { commands: [], output: [], unpromptedCommandLines: [] };
  let current: string[] | undefined;
  lines.forEach((line, index) => {
    if (current !== undefined && !isComplete(current.join('\n'))) {
      current.push(line);
      return;
    }
    if (current !== undefined) transcript.commands.push(current.join('\n'));
    current = undefined;
    const prompt = promptAt(line, !dollar);
    if (prompt !== '') current = [line.slice(prompt.length)];
    else if (line.trim() !== '') {
      transcript.output.push(line);
      if ((lines[index - 1] ?? '').trim() === '' && readsAsCommand(line))
        transcript.unpromptedCommandLines.push(index + 1);
    }
  });
  if (current !== undefined) transcript.commands.push(current.join('\n'));
  return transcript;
}

/**
 * A line that looks typed rather than printed: a lowercase program name or a path, then
 * arguments. Output (tables, log lines, "Added host …") starts otherwise.
 */
export function readsAsCommand(line: string): boolean {
  const word = /^\s*(\S{1,200})/.exec(line)?.[1];
  if (word === undefined) return false;
  return /^(?:[a-z][a-z0-9._/-]{0,199}|\.?\/[A-Za-z0-9._/-]{0,199})$/.test(word) && !/[:.]$/.test(word);
}

/**
 * Whether a command typed so far is complete, so the next line is output or a new command. It
 * goes on after a trailing `\`, `|`, `&&` or `||`, inside an open quote, `$(`, here-document, or
 * an open `for`/`while`/`until`/`if`/`case`/`{` until its `done`/`fi`/`esac`/`}`.
 */
export function isComplete(command: string): boolean {
  const scan = scanShell(command);
  if (scan.open) return false;
  const end = command.replace(/\s+$/, '');
  if (/(?:\\|\||&&)$/.test(end) && !/\\\\$/.test(end)) return false;
  return scan.depth <= 0;
}

const openers = new Set(['do', 'then', 'case', '{']);
const closers = new Set(['done', 'fi', 'esac', '}']);

/** One pass over the text: quote and substitution state, here-documents, keyword depth. */
function scanShell(text: string): { open: boolean; depth: number } {
  let quote: '"' | "'" | undefined;
  let parens = 0;
  let depth = 0;
  let word = '';
  const heredocs: string[] = [];
  const endWord = () => {
    if (openers.has(word)) depth += 1;
    else if (closers.has(word) || word === 'elif') depth -= 1;
    word = '';
  };
  const lines = text.split('\n');
  for (let l = 0; l < lines.length; l += 1) {
    const line = lines[l]!;
    if (heredocs.length > 0 && quote === undefined) {
      if (line.replace(/^\t+/, '') === heredocs[0]) heredocs.shift();
      continue;
    }
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i]!;
      if (quote === "'") {
        if (c === "'") quote = undefined;
        continue;
      }
      if (c === '\\') {
        i += 1;
        continue;
      }
      if (quote === '"') {
        if (c === '"') quote = undefined;
        continue;
      }
      if (c === "'" || c === '"') {
        quote = c;
        continue;
      }
      if (c === '#' && word === '' && (i === 0 || /[\s;]/.test(line[i - 1]!))) break;
      if (c === '(') parens += 1;
      else if (c === ')') parens -= 1;
      if (c === '<' && line[i + 1] === '<' && line[i + 2] !== '<') {
        const tag = /^<<-?\s*(['"]?)([\w.-]{1,64})\1/.exec(line.slice(i));
        if (tag !== null) {
          heredocs.push(tag[2]!);
          i += tag[0].length - 1;
          continue;
        }
      }
      if (/[\s;&|()]/.test(c)) endWord();
      else word += c;
    }
    endWord();
  }
  return { open: quote !== undefined || parens > 0 || heredocs.length > 0, depth };
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
