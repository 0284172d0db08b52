/**
 * An independent reading of a guide's code blocks and shell commands, for checking the importer
 * against. Deliberately simple and separate: it shares no code with electron/host/runbook, and it
 * reads lines, not a Markdown or rST tree. Its rules (the same ones docs/runbook-format.md gives
 * operators) are:
 *
 * - Markdown: every ``` or ~~~ fence is a block. rST: every `code-block`/`code`/`sourcecode`
 *   directive and every `::` literal block is a block.
 * - A session block (console, ShellSession, …) or any block whose first line starts with `$ `:
 *   the commands are the prompt lines (`$ `, `# `, `(venv) $ `, `user@host:~$ `, `[root@h /]# `)
 *   with their continuation lines; everything else is output. Without a single prompt, a session
 *   block whose every line reads as a command is commands; otherwise it is output only.
 * - A bash/sh/shell block without prompts: the whole block is one command.
 * - An rST literal block: only its prompt lines are commands.
 * - Everything else (yaml, ini, text, no language) has no commands.
 */

export interface ReferenceBlock {
  /** First and last line of the block in the source (1-based, opening line to closing line). */
  start: number;
  end: number;
  language: string;
  kind: 'fence' | 'code-block' | 'literal';
  /** Commands as the operator would type them, prompts removed, in order. */
  commands: string[];
}

export interface ReferenceReading {
  blocks: ReferenceBlock[];
  /** Lines of admonitions (Docusaurus `:::x`, GitHub `> [!X]`, rST `.. note::`). */
  admonitions: number[];
}

const sessionLanguages = ['console', 'shellsession', 'shell-session', 'sh-session', 'terminal'];
const scriptLanguages = ['bash', 'sh', 'shell', 'zsh', 'ksh'];
const rstAdmonitions = [
  'note',
  'warning',
  'tip',
  'important',
  'caution',
  'danger',
  'attention',
  'hint',
  'seealso',
  'error',
];

export function readReference(text: string, fileName: string): ReferenceReading {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return /\.(rst|rest)$/i.test(fileName) ? readRst(lines) : readMarkdown(lines);
}

function readMarkdown(lines: string[]): ReferenceReading {
  const blocks: ReferenceBlock[] = [];
  const admonitions: number[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const opener = line.match(/^(\s*(?:>\s?)?(?:\d+[.)]\s+|[-*+]\s+)?)(`{3,}|~{3,})\s*([^\s`{]*)/);
    if (opener) {
      const mark = opener[2]!;
      let close = index + 1;
      while (close < lines.length && !isCloser(lines[close]!, mark)) close += 1;
      const indent = opener[1]!.length;
      const body = lines.slice(index + 1, close).map((l) => stripIndent(l, indent));
      const language = opener[3]!.toLowerCase();
      blocks.push({
        start: index + 1,
        end: Math.min(close + 1, lines.length),
        language,
        kind: 'fence',
        commands: commandsOf(language, body, false),
      });
      index = close + 1;
      continue;
    }
    if (/^\s*:::+\s*[a-z]/i.test(line) || /^\s*>\s*\[!(note|tip|important|warning|caution)\]/i.test(line))
      admonitions.push(index + 1);
    index += 1;
  }
  return { blocks, admonitions };
}

function isCloser(line: string, mark: string): boolean {
  const trimmed = line.trim().replace(/^>\s?/, '');
  if (trimmed.length < mark.length) return false;
  for (const character of trimmed) if (character !== mark[0]) return false;
  return true;
}

function stripIndent(line: string, indent: number): string {
  let cut = 0;
  while (cut < indent && cut < line.length && (line[cut] === ' ' || line[cut] === '>')) cut += 1;
  return line.slice(cut);
}

function readRst(lines: string[]): ReferenceReading {
  const blocks: ReferenceBlock[] = [];
  const admonitions: number[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const directive = line.match(/^(\s*)\.\.\s+([a-z-]+)::\s*(\S*)/i);
    const name = directive?.[2]?.toLowerCase();
    if (directive && (name === 'code-block' || name === 'code' || name === 'sourcecode')) {
      const base = directive[1]!.length;
      let next = index + 1;
      while (next < lines.length && /^\s+:[\w-]+:/.test(lines[next]!)) next += 1;
      const body = indentedAfter(lines, next, base);
      const language = directive[3]!.toLowerCase();
      blocks.push({
        start: index + 1,
        end: body.last + 1,
        language,
        kind: 'code-block',
        commands: commandsOf(language, body.lines, false),
      });
      index = body.last + 1;
      continue;
    }
    if (directive && rstAdmonitions.includes(name!)) admonitions.push(index + 1);
    if (!directive && /::\s*$/.test(line) && !/^\s*\.\./.test(line)) {
      const base = paragraphIndent(lines, index);
      const body = indentedAfter(lines, index + 1, base);
      if (body.lines.length > 0) {
        blocks.push({
          start: body.first + 1,
          end: body.last + 1,
          language: '',
          kind: 'literal',
          commands: commandsOf('console', body.lines, true),
        });
        index = body.last + 1;
        continue;
      }
    }
    index += 1;
  }
  return { blocks, admonitions };
}

/** The indentation of the paragraph that line `at` ends. */
function paragraphIndent(lines: string[], at: number): number {
  let first = at;
  while (first > 0 && lines[first - 1]!.trim() !== '') first -= 1;
  const line = lines[first]!;
  const bullet = line.match(/^(\s*)(?:[-*+]|#\.|\d+\.)\s+/);
  // The text of a list item is indented past its bullet; a literal block inside it is too.
  return bullet ? bullet[1]!.length + 1 : line.length - line.trimStart().length;
}

/** The lines indented deeper than `base` from `from` on (blank lines inside kept), dedented. */
function indentedAfter(lines: string[], from: number, base: number) {
  let first = from;
  while (first < lines.length && lines[first]!.trim() === '') first += 1;
  let last = first - 1;
  let cursor = first;
  while (cursor < lines.length) {
    const line = lines[cursor]!;
    if (line.trim() !== '') {
      if (line.length - line.trimStart().length <= base) break;
      last = cursor;
    }
    cursor += 1;
  }
  const taken = lines.slice(first, last + 1);
  let shallowest = Infinity;
  for (const line of taken)
    if (line.trim() !== '') shallowest = Math.min(shallowest, line.length - line.trimStart().length);
  return { first, last, lines: taken.map((line) => line.slice(shallowest === Infinity ? 0 : shallowest)) };
}

/**
 * The prompt at the start of a transcript line, or undefined. `# ` is a root prompt, but next to
 * `$ ` lines it is a comment unless a command follows it.
 */
export function promptOf(line: string, hashIsPrompt = true): string | undefined {
  const patterns = [
    /^\$ /,
    ...(hashIsPrompt || readsAsCommand(line.slice(2)) ? [/^# /] : []),
    /^\([^)]*\) ?[$#] /,
    /^\([^)]*\)\[[^\]]*\][$#] /,
    /^\[[^\]]*\][$#] /,
    /^[\w.-]+@[\w.-]+(:\S*)? ?[$#] /,
  ];
  for (const pattern of patterns) {
    const found = line.match(pattern);
    if (found) return found[0];
  }
  return undefined;
}

function commandsOf(language: string, body: string[], literal: boolean): string[] {
  const trimmed = dedent(trimBlank(body.map((l) => l.replace(/\s+$/, ''))));
  if (trimmed.length === 0) return [];
  const prompted = trimmed.some((line) => promptOf(line) !== undefined);
  const session = sessionLanguages.includes(language) || literal || /^\$ /.test(trimmed[0]!);
  if (session && prompted) return promptedCommands(trimmed);
  if (literal) return [];
  if (sessionLanguages.includes(language))
    return trimmed.every((line) => line === '' || readsAsCommand(line)) ? [trimmed.join('\n')] : [];
  if (scriptLanguages.includes(language)) return [trimmed.join('\n')];
  return [];
}

/** Indentation common to every line is the block's, not the commands'. */
function dedent(lines: string[]): string[] {
  let common = Infinity;
  for (const line of lines)
    if (line.trim() !== '') common = Math.min(common, line.length - line.trimStart().length);
  return common === Infinity ? lines : lines.map((line) => line.slice(common));
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start += 1;
  while (end > start && lines[end - 1]!.trim() === '') end -= 1;
  return lines.slice(start, end);
}

/** A lowercase program name (or a path), then arguments: how command lines look, unlike output. */
function readsAsCommand(line: string): boolean {
  const word = line.trimStart().split(' ')[0]!;
  if (word === '') return false;
  const first = word[0]!;
  const lowercaseStart = first >= 'a' && first <= 'z';
  const pathStart = first === '/' || word.startsWith('./');
  if (!lowercaseStart && !pathStart) return false;
  for (const character of word) {
    const ok =
      (character >= 'a' && character <= 'z') ||
      (character >= '0' && character <= '9') ||
      '._-/'.includes(character);
    if (!ok) return false;
  }
  return !word.endsWith(':') && !word.endsWith('.');
}

/** Prompt lines with their continuations: the command goes on while it is visibly unfinished. */
function promptedCommands(lines: string[]): string[] {
  const hashIsPrompt = !lines.some((line) => (promptOf(line, false) ?? '').endsWith('$ '));
  const commands: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (current !== undefined && unfinished(current.join('\n'))) {
      current.push(line);
      continue;
    }
    if (current !== undefined) commands.push(current.join('\n'));
    current = undefined;
    const prompt = promptOf(line, hashIsPrompt);
    if (prompt !== undefined) current = [line.slice(prompt.length)];
  }
  if (current !== undefined) commands.push(current.join('\n'));
  return commands;
}

/**
 * Whether a command typed so far needs more lines: a trailing backslash, pipe or `&&`/`||`, an
 * open quote, an open here-document, or more `for`/`while`/`if`/`case` openers than closers.
 */
export function unfinished(command: string): boolean {
  const end = command.replace(/\s+$/, '');
  if (end.endsWith('\\') || end.endsWith('|') || end.endsWith('&&')) return true;
  let quote: string | undefined;
  for (let i = 0; i < command.length; i += 1) {
    const c = command[i]!;
    if (quote === undefined && c === '\\') i += 1;
    else if (quote === '"' && c === '\\') i += 1;
    else if (quote === undefined && (c === "'" || c === '"')) quote = c;
    else if (c === quote) quote = undefined;
    else if (
      quote === undefined &&
      c === '#' &&
      (i === 0 || command[i - 1] === ' ' || command[i - 1] === '\n')
    ) {
      while (i < command.length && command[i] !== '\n') i += 1;
    }
  }
  if (quote !== undefined) return true;
  const heredoc = command.match(/<<-?\s*['"]?(\w+)['"]?/);
  if (
    heredoc &&
    !command
      .split('\n')
      .slice(1)
      .some((l) => l.trim() === heredoc[1])
  )
    return true;
  const words = command.split(/[\s;]+/);
  let depth = 0;
  for (const word of words) {
    if (word === 'do' || word === 'then' || word === 'case' || word === '{') depth += 1;
    if (word === 'done' || word === 'fi' || word === 'esac' || word === '}' || word === 'elif') depth -= 1;
  }
  return depth > 0;
}
