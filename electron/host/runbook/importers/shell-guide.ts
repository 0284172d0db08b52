import { createRequire } from 'node:module';
import { RunbookInputError } from '../errors';
import { count, emptyGuide, guideWarning, type Guide, type GuideBlock, type GuideItem } from './guide';
import { variableFor } from './rst-inline';

/**
 * Shell scripts as guides, read with a real shell parser (mvdan/sh, the parser behind shfmt,
 * compiled to JavaScript as the `mvdan-sh` package; loaded on first use, since most imports are
 * documents). Every top-level statement is a step (an `if`, loop or function kept whole), the
 * comments just before it are its text, `$1` and `${VAR:-default}` become variables, `set -e` makes
 * every step expect exit 0, and a call of another script can be included in its place.
 */

/** What the importer needs of a script it may include: its text, found by the caller. */
export type IncludeResolver = (
  calledPath: string,
  fromFile: string,
) => { fileName: string; text: string } | undefined;

/** Deeper than this, included scripts are offered, not read (and a cycle always stops). */
const maxIncludeDepth = 5;

interface ShPos {
  Offset(): number;
  Line(): number;
  Col(): number;
}
interface ShNode {
  Pos(): ShPos;
  End(): ShPos;
  [field: string]: unknown;
}
interface ShComment {
  Text: string;
  Pos(): ShPos;
}
interface ShStmt extends ShNode {
  Comments: ShComment[];
  Cmd: ShNode | null;
}
interface ShFile {
  Stmts: ShStmt[];
  Last: ShComment[];
}
interface ShSyntax {
  NewParser(...options: unknown[]): { Parse(text: string, name: string): ShFile };
  KeepComments(keep: boolean): unknown;
  Variant(variant: unknown): unknown;
  LangBash: unknown;
  NodeType(node: unknown): string;
  Walk(node: unknown, visit: (node: ShNode | null) => boolean): void;
}

let loaded: ShSyntax | undefined;
function shellSyntax(): ShSyntax {
  loaded ??= (createRequire(import.meta.url)('mvdan-sh') as { syntax: ShSyntax }).syntax;
  return loaded;
}

interface ScriptState {
  guide: Guide;
  file: string;
  resolve: IncludeResolver | undefined;
  /** Files being read, outermost first: a cycle of includes stops here. */
  chain: string[];
}

export function readShellGuide(text: string, file: string, resolve?: IncludeResolver): Guide {
  const guide = emptyGuide('shell');
  const state: ScriptState = { guide, file, resolve, chain: [file] };
  const items = readScript(state, text, file, undefined);
  // `echo "# Title"` banners divide the script into sections; steps before the first are the preamble.
  let target = guide.preamble;
  let run: GuideItem[] = [];
  const flush = () => {
    if (run.length > 0) target.push({ type: 'steps', items: run, line: run[0]!.line });
    run = [];
  };
  for (const item of items) {
    if (item.banner === undefined) {
      run.push(item);
      continue;
    }
    flush();
    guide.sections.push({ title: item.banner, level: 1, line: item.line, blocks: [] });
    target = guide.sections.at(-1)!.blocks;
  }
  flush();
  return guide;
}

/**
 * The steps of one script. `calledAt` is the line of the call in the top-level file when this is
 * an included script: its steps are placed (and counted) at that line.
 */
function readScript(
  state: ScriptState,
  text: string,
  file: string,
  calledAt: number | undefined,
): GuideItem[] {
  const syntax = shellSyntax();
  const parsed = parse(syntax, text, file);
  const offsets = byteToIndex(text);
  const slice = (from: number, to: number) => text.slice(offsets(from), offsets(to));
  const items: GuideItem[] = [];
  let setE = false;
  for (const stmt of parsed.Stmts) {
    const line = calledAt ?? stmt.Pos().Line();
    const endLine = calledAt ?? stmt.End().Line();
    const source = slice(stmt.Pos().Offset(), stmt.End().Offset());
    const comments = stmt.Comments.filter((c) => c.Pos().Line() < stmt.Pos().Line() && !isShebang(c));
    if (calledAt === undefined) count(state.guide, { kind: 'code', line, endLine });
    const option = setOption(syntax, stmt);
    if (option !== undefined) {
      if (option.includes('e')) setE = true;
      const reason = option.includes('e')
        ? '`set -e` honoured: every step after it must exit 0 before the run goes on'
        : `\`${source}\` left out: the terminal shows each command as it runs`;
      guideWarning(state.guide, state.file, line, reason, 'info');
      continue;
    }
    const echoed = echoText(syntax, stmt);
    if (echoed !== undefined) {
      const banner = /^#{1,6}\s+(\S.{0,200})$/.exec(echoed.trim())?.[1];
      const why =
        banner === undefined ? 'it only prints a line' : `its banner starts the section '${banner}'`;
      guideWarning(state.guide, state.file, line, `\`${source}\` left out: ${why}`, 'info');
      if (banner !== undefined && calledAt === undefined) items.push({ line, blocks: [], banner });
      continue;
    }
    const included = includeOf(syntax, state, stmt, file, line);
    if (included !== undefined) {
      items.push(...included);
      continue;
    }
    const command = withVariables(syntax, state, stmt, text, offsets, line);
    const blocks: GuideBlock[] = [];
    const prose = comments
      .map((c) => c.Text.replace(/^ /, ''))
      .join('\n')
      .trim();
    if (prose !== '') blocks.push({ type: 'text', text: escapeProse(prose), line });
    const code: GuideBlock = { type: 'code', language: 'bash', text: command, line, ready: true };
    blocks.push(code);
    const item: GuideItem = { line, blocks };
    if (prose === '') item.title = commandTitle(syntax, stmt, command);
    if (setE) item.expectExit = 0;
    items.push(item);
  }
  return items;
}

function parse(syntax: ShSyntax, text: string, file: string): ShFile {
  try {
    return syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash)).Parse(text, file);
  } catch (error) {
    const failure = error as { Error?: () => string; Pos?: { Line(): number; Col(): number }; Text?: string };
    const line = failure.Pos?.Line() ?? 1;
    const column = failure.Pos?.Col() ?? 1;
    const message = failure.Text ?? failure.Error?.() ?? String(error);
    throw RunbookInputError.at(
      file,
      Math.max(1, line),
      Math.max(1, column),
      `not a shell script the parser reads: ${message}`,
    );
  }
}

function isShebang(comment: ShComment): boolean {
  return comment.Pos().Line() === 1 && comment.Text.startsWith('!');
}

/** The words of a simple command when they are all plain literals (or single-quoted). */
function literalWords(syntax: ShSyntax, stmt: ShStmt): string[] | undefined {
  const cmd = stmt.Cmd;
  if (cmd === null || syntax.NodeType(cmd) !== 'CallExpr') return undefined;
  const args = cmd.Args as { Parts: ShNode[] }[];
  const assigns = cmd.Assigns as unknown[];
  if (assigns.length > 0) return undefined;
  const words: string[] = [];
  for (const arg of args) {
    let word = '';
    for (const part of arg.Parts) {
      const type = syntax.NodeType(part);
      if (type === 'Lit' || type === 'SglQuoted') word += part.Value as string;
      else if (type === 'DblQuoted' && (part.Parts as ShNode[]).every((p) => syntax.NodeType(p) === 'Lit'))
        word += (part.Parts as ShNode[]).map((p) => p.Value as string).join('');
      else return undefined;
    }
    words.push(word);
  }
  return words;
}

/** `set -e`, `set -x`, `set -ex`, `set -o errexit`: the options it turns on, or undefined. */
function setOption(syntax: ShSyntax, stmt: ShStmt): string | undefined {
  const words = literalWords(syntax, stmt);
  if (words === undefined || words[0] !== 'set' || words.length < 2) return undefined;
  const flags = words.slice(1);
  if (flags.length === 2 && flags[0] === '-o')
    return flags[1] === 'errexit' ? 'e' : flags[1] === 'xtrace' ? 'x' : undefined;
  return flags.every((f) => /^-[ex]+$/.test(f)) ? flags.join('').replace(/-/g, '') : undefined;
}

/** What `echo` alone or with literal words prints (a banner, nothing to run), else undefined. */
function echoText(syntax: ShSyntax, stmt: ShStmt): string | undefined {
  const words = literalWords(syntax, stmt);
  const redirects = stmt.Redirs as unknown[] | undefined;
  if (words === undefined || words[0] !== 'echo' || (redirects?.length ?? 0) > 0) return undefined;
  return words.slice(1).join(' ');
}

/** The script a statement runs: `sh -c 'x.sh'`, `bash x.sh`, `./x.sh`, `/path/x.sh`. */
function calledScript(syntax: ShSyntax, stmt: ShStmt): string | undefined {
  const words = literalWords(syntax, stmt);
  if (words === undefined || words.length === 0) return undefined;
  const [first, ...rest] = words;
  const script = (w: string | undefined) =>
    w !== undefined && /^[\w./-]{1,500}\.(?:sh|bash)$/.test(w) ? w : undefined;
  if ((first === 'sh' || first === 'bash') && rest[0] === '-c' && rest.length === 2) return script(rest[1]);
  if ((first === 'sh' || first === 'bash') && rest.length === 1) return script(rest[0]);
  if (rest.length === 0 && /\//.test(first!)) return script(first);
  return undefined;
}

function includeOf(
  syntax: ShSyntax,
  state: ScriptState,
  stmt: ShStmt,
  file: string,
  line: number,
): GuideItem[] | undefined {
  const called = calledScript(syntax, stmt);
  if (called === undefined) return undefined;
  const name = called.replace(/^.*\//, '');
  const found = state.resolve?.(called, file);
  if (found === undefined || state.chain.includes(found.fileName) || state.chain.length > maxIncludeDepth) {
    const why = found === undefined ? '' : ' (already being read: a cycle, or too deep)';
    guideWarning(
      state.guide,
      state.file,
      line,
      `calls ${name}: kept as one step; import with includes to bring its steps in here${why}`,
      'info',
    );
    return undefined;
  }
  state.chain.push(found.fileName);
  const items = readScript(state, found.text, found.fileName, line);
  state.chain.pop();
  guideWarning(
    state.guide,
    state.file,
    line,
    `calls ${name}: its ${items.length} steps are included here`,
    'info',
  );
  return items.map((item, index) =>
    index === 0
      ? {
          ...item,
          blocks: [{ type: 'text', text: `From ${name} (called on line ${line}).`, line }, ...item.blocks],
        }
      : item,
  );
}

/**
 * The statement's text with `$1`/`${1}` and `${NAME:-default}` made runbook variables, found by
 * the parser (so quoting is respected: `'$1'` stays as written).
 */
function withVariables(
  syntax: ShSyntax,
  state: ScriptState,
  stmt: ShStmt,
  text: string,
  offsets: (byte: number) => number,
  line: number,
): string {
  const start = offsets(stmt.Pos().Offset());
  const end = offsets(stmt.End().Offset());
  const edits: { from: number; to: number; name: string }[] = [];
  syntax.Walk(stmt, (node) => {
    if (node === null || syntax.NodeType(node) !== 'ParamExp') return true;
    const from = offsets(node.Pos().Offset());
    const to = offsets(node.End().Offset());
    const written = text.slice(from, to);
    const positional = /^\$(?:(\d)|\{(\d{1,2})\})$/.exec(written);
    const withDefault = /^\$\{([A-Za-z_][A-Za-z0-9_]{0,63}|\d{1,2}):-([^${}`'"\\\s]{0,200})\}$/.exec(written);
    if (positional !== null) {
      const name = variableFor(`arg${positional[1] ?? positional[2]}`, state.guide.variables, line);
      describe(state, name, `Positional parameter ${positional[1] ?? positional[2]} of the script`);
      edits.push({ from, to, name });
    } else if (withDefault !== null) {
      const raw = withDefault[1]!;
      const name = variableFor(/^\d/.test(raw) ? `arg${raw}` : raw, state.guide.variables, line);
      describe(state, name, `\${${raw}} in the script, with its default`);
      if (!state.guide.defaults.has(name)) state.guide.defaults.set(name, withDefault[2]!);
      edits.push({ from, to, name });
    }
    return true;
  });
  let out = '';
  let at = start;
  for (const edit of edits.sort((a, b) => a.from - b.from)) {
    if (edit.from < at) continue;
    out += `${escapeBraces(text.slice(at, edit.from))}{{${edit.name}}}`;
    at = edit.to;
  }
  out += escapeBraces(text.slice(at, end));
  return out;
}

function describe(state: ScriptState, name: string, description: string): void {
  if (!state.guide.descriptions.has(name)) state.guide.descriptions.set(name, description);
}

/** `{{` already in the script (Go and Jinja templates) is sent as written: `\{{` in a runbook. */
function escapeBraces(text: string): string {
  return text.replace(/(^|[^\\])\{\{/g, '$1\\{{');
}

/** A comment read as Markdown: a line starting `#` or a list number stays text. */
function escapeProse(text: string): string {
  return text.replace(/^(#{1,6}(?=\s|$)|[-+*](?=\s)|`{3,}|~{3,})/gm, '\\$1').replace(/^( {4,})/gm, '');
}

function commandTitle(syntax: ShSyntax, stmt: ShStmt, command: string): string {
  if (stmt.Cmd !== null && syntax.NodeType(stmt.Cmd) === 'FuncDecl')
    return `Define the function ${(stmt.Cmd.Name as { Value: string }).Value}`;
  const first = command.split('\n', 1)[0]!.trim();
  return first.length > 80 ? `${first.slice(0, 77).trimEnd()}…` : first;
}

/** mvdan/sh counts in UTF-8 bytes; JavaScript strings in UTF-16 units. */
function byteToIndex(text: string): (byte: number) => number {
  if (Buffer.byteLength(text) === text.length) return (byte) => byte;
  const table: number[] = [];
  let index = 0;
  for (const character of text) {
    const bytes = Buffer.byteLength(character);
    for (let b = 0; b < bytes; b += 1) table.push(index);
    index += character.length;
  }
  table.push(index);
  return (byte) => table[Math.min(byte, table.length - 1)]!;
}
