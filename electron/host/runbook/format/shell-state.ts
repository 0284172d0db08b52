import type { Command, Runbook, Step, SubStep } from '../../../../shared/runbook/index';
import { report, type SourceFile } from './source';

/**
 * For runbooks with `shell: isolated` (each step meant to stand on its own): warns where a step
 * relies on shell state an earlier step set and the runbook does not declare. Three kinds:
 * a variable an earlier step exported or assigned; an upper-case variable that may come from a
 * file an earlier step sourced; a relative path (or a command that reads the working directory,
 * such as git) after an earlier step changed directory, with no `cd` of its own before it.
 * In a continuous shell (the default) all of this holds from step to step, so nothing is said.
 *
 * The reading is line by line and deliberately plain (no shell parser): it looks at the first
 * word of each simple command and at the words after it, which is what such steps look like.
 */
export function checkShellState(source: SourceFile, runbook: Runbook): void {
  if (runbook.shell !== 'isolated') return;
  const earlier = new EarlierState();
  for (const step of runbook.phases.flatMap((phase) =>
    phase.steps.flatMap((s) => [s, ...(s.rolling?.steps ?? [])]),
  )) {
    const own = new StepState();
    const warned = new Set<string>();
    const warn = (at: { line: number; column: number }, key: string, message: string) => {
      if (warned.has(key)) return;
      warned.add(key);
      report(
        source,
        'warning',
        at,
        `step '${step.title}' ${message}; with shell: isolated each step starts in a fresh shell`,
      );
    };
    for (const command of step.commands.filter((candidate) => candidate.run))
      for (const line of commandLines(command)) checkLine(line, own, earlier, warn);
    earlier.add(step, own);
  }
}

interface Line {
  text: string;
  at: { line: number; column: number };
}

/** Shell variables every shell has: never state another step set. */
const ambient = new Set(
  'HOME PATH USER LOGNAME PWD OLDPWD SHELL LANG LANGUAGE TERM HOSTNAME TMPDIR UID EUID PPID RANDOM SECONDS LINENO IFS PS1 PS2 BASH BASH_VERSION SSH_CONNECTION SSH_CLIENT SSH_TTY DISPLAY EDITOR PAGER'.split(
    ' ',
  ),
);

/** Commands whose result depends on the working directory even without a path argument. */
const directoryCommands = /^git\s+(?!clone\b|-C\b|init\b|config\s+--global\b|--version\b)/;

class StepState {
  readonly variables = new Set<string>();
  changedDirectory = false;
  sourced = false;
}

class EarlierState {
  /** A variable → the step that set it. */
  readonly variables = new Map<string, string>();
  directory: string | undefined;
  sourced: string | undefined;

  add(step: Step | SubStep, own: StepState): void {
    for (const name of own.variables) this.variables.set(name, step.title);
    if (own.changedDirectory) this.directory = step.title;
    if (own.sourced) this.sourced = step.title;
  }
}

type Warn = (at: { line: number; column: number }, key: string, message: string) => void;

function checkLine(line: Line, own: StepState, earlier: EarlierState, warn: Warn): void {
  // `NAME=$(…)` sets NAME, though the split below cuts the substitution apart.
  const substituted = /^([A-Za-z_][A-Za-z0-9_]*)=(?:\$\(|`)/.exec(line.text)?.[1];
  for (const simple of simpleCommands(line.text)) {
    const words = simple.split(/\s+/).filter((word) => word !== '');
    // Uses come before what the same command sets: `X=$X:more` uses the old X.
    for (const name of usedVariables(simple)) {
      if (own.variables.has(name) || ambient.has(name)) continue;
      const setter = earlier.variables.get(name);
      if (setter !== undefined)
        warn(
          line.at,
          `var:${name}`,
          `uses $${name}, which '${setter}' sets: set it in this step, or declare it as a runbook variable`,
        );
      else if (earlier.sourced !== undefined && /^[A-Z][A-Z0-9_]*$/.test(name) && !own.sourced)
        warn(
          line.at,
          `sourced:${name}`,
          `uses $${name}, which may come from what '${earlier.sourced}' sources: source it in this step too`,
        );
    }
    if (!own.changedDirectory && earlier.directory !== undefined) {
      const relative =
        relativePath(words) ?? (directoryCommands.test(simple) ? words.slice(0, 2).join(' ') : undefined);
      if (relative !== undefined)
        warn(
          line.at,
          'cwd',
          `uses \`${relative}\` in the directory '${earlier.directory}' changed to: cd there in this step first`,
        );
    }
    recordSets(words, simple, own);
  }
  if (substituted !== undefined) own.variables.add(substituted);
}

function recordSets(words: string[], simple: string, own: StepState): void {
  const [first, second] = words;
  if (first === 'cd' || first === 'pushd' || first === 'popd') own.changedDirectory = true;
  if ((first === 'source' || first === '.') && second !== undefined) own.sourced = true;
  if (
    first === 'export' ||
    first === 'declare' ||
    first === 'typeset' ||
    first === 'readonly' ||
    first === 'local'
  )
    for (const word of words.slice(1)) {
      const name = /^([A-Za-z_][A-Za-z0-9_]*)(=|$)/.exec(word)?.[1];
      if (name !== undefined) own.variables.add(name);
    }
  if (first === 'read')
    for (const word of words.slice(1)) if (/^[A-Za-z_]\w*$/.test(word)) own.variables.add(word);
  if (first === 'for' && second !== undefined && /^[A-Za-z_]\w*$/.test(second)) own.variables.add(second);
  // Leading assignments: `NAME=value` alone sets a shell variable; before a command it does not.
  const assignments = /^((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s*)+)(.*)$/.exec(simple);
  if (assignments !== null && assignments[2]!.trim() === '')
    for (const match of assignments[1]!.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=/g)) own.variables.add(match[1]!);
}

/** `$NAME` and `${NAME…}` outside single quotes. */
function usedVariables(simple: string): string[] {
  const unquoted = simple.replace(/'[^']*'/g, "''");
  return [...unquoted.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!);
}

/** The first word that names a file relative to the working directory, if any. */
function relativePath(words: string[]): string | undefined {
  const [command, ...rest] = words;
  if (command === undefined || command === 'cd' || command === 'pushd' || command === 'echo')
    return undefined;
  // A program run by a relative path: `./deploy.sh`, `tools/migrate`.
  if (/^[^/~$'"{(-]\S*\//.test(command) && !command.includes('{{')) return command;
  // A file sourced by a bare name is looked up in the working directory (after PATH for `.`).
  if ((command === 'source' || command === '.') && rest[0] !== undefined && !/^[/~$]/.test(rest[0]))
    return rest[0];
  for (const raw of rest) {
    const word =
      raw
        .replace(/^[<>]+/, '')
        .replace(/^['"]|['"]$/g, '')
        .split('=')
        .at(-1) ?? '';
    if (word === '' || /^[-/~$({*]/.test(word) || word.includes('://') || word.includes('{{')) continue;
    if (/^\.\.?\//.test(word)) return word;
    // A path with a folder in it, or a file name with an extension (not a version like 3.12).
    if (
      /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+\/?$/.test(word) &&
      !/^[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/.test(word)
    )
      return word;
    if (/^[A-Za-z_][A-Za-z0-9_-]*\.(txt|ya?ml|json|sh|py|cfg|conf|ini|env|toml|j2|sql|gz|tar)$/.test(word))
      return word;
  }
  return undefined;
}

/** The block's lines with their file positions, backslash continuations joined, comments dropped. */
function commandLines(command: Command): Line[] {
  const lines: Line[] = [];
  let pending: Line | undefined;
  command.text.split('\n').forEach((text, index) => {
    // The block's text starts on the line after its opening fence.
    const at = { line: (command.source?.line ?? 0) + 1 + index, column: 1 };
    const joined: Line =
      pending === undefined ? { text, at } : { text: `${pending.text} ${text}`, at: pending.at };
    if (/\\$/.test(joined.text)) {
      pending = { ...joined, text: joined.text.slice(0, -1) };
      return;
    }
    pending = undefined;
    const code = joined.text.replace(/(^|\s)#.*$/, '').trim();
    if (code !== '') lines.push({ text: code, at: joined.at });
  });
  return lines;
}

/** The simple commands of a line: split at `;`, `&&`, `||`, `|` and keywords that start a body. */
function simpleCommands(line: string): string[] {
  return line
    .split(/\s*(?:;|&&|\|\||\|)\s*/)
    .map((part) => part.replace(/^(?:then|do|else|\{|\()\s+/, '').trim())
    .filter((part) => part !== '' && !/^(?:fi|done|\}|\)|esac)$/.test(part));
}
