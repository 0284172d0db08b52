/**
 * How a block of shell is cut into the commands the runner sends one at a time (docs/terminals.md,
 * "Running a step"). A command is what the shell itself runs as one unit at the top level of a
 * script: a line, or the pieces of a line between `;` and after `&`, where a pipeline or an
 * `&&`/`||` list counts as one, and a compound command (`if … fi`, `for/while/until … done`,
 * `case … esac`, `{ … }`, `( … )`, `[[ … ]]`, `(( … ))`, a function definition), a line continued
 * with `\` or ending in `|`, `&&` or `||`, and a line with a here-document (with every command on
 * that line and the document's body) each count as one.
 *
 * This is a scanner, not a full parser: it tracks quotes, expansions, here-documents and the
 * reserved words that open and close compound commands. Where a block does not parse (a quote
 * never closed), the rest of it is one command and the shell reports the syntax error as it
 * would. Tested against mvdan/sh's parser on real runbook blocks (test/unit/terminals).
 */

export interface ShellCommand {
  /** The command as the shell reads it, here-document bodies included. */
  text: string;
  /** The line of the block it starts on (1-based), and where in the block (characters). */
  line: number;
  offset: number;
  /** It holds a compound command or a function definition (see the runner for why it matters). */
  compound: boolean;
}

type Frame =
  { kind: 'if' | 'loop' | 'brace' | 'paren' } | { kind: 'case'; expect: 'word' | 'in' | 'pattern' | 'body' };

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
}

interface Part {
  start: number;
  compound: boolean;
  /** It defines a function: the definition itself runs nothing. */
  definesFunction: boolean;
  /** A here-document's body follows this part's line: it goes on to the body's end. */
  heredoc: boolean;
}

const blank = new Set([' ', '\t']);
const metachars = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
/** Reserved words after which a command word is expected again. */
const openers = new Set(['then', 'else', 'elif', 'do', '!', 'time']);

export function splitCommands(block: string): ShellCommand[] {
  return new Splitter(block.replace(/\r\n?/g, '\n')).split();
}

class Splitter {
  private i = 0;
  private readonly commands: ShellCommand[] = [];

  constructor(private readonly src: string) {}

  split(): ShellCommand[] {
    this.scanList(true);
    return this.commands;
  }

  /**
   * Scans a list of commands: the whole block (top) or the inside of `$( … )` / `<( … )`, which
   * ends at its unmatched `)` (consumed). Top-level boundaries become commands.
   */
  private scanList(top: boolean): void {
    const stack: Frame[] = [];
    const heredocs: Heredoc[] = [];
    let commandWord = true;
    let continued = false;
    let part: Part | undefined;
    const begin = (): Part =>
      (part ??= { start: this.i, compound: false, definesFunction: false, heredoc: false });
    const close = (end: number): void => {
      if (top && part !== undefined) this.emit(part, end);
      part = undefined;
      commandWord = true;
      continued = false;
    };
    const atTop = (): boolean => stack.length === 0 && heredocs.length === 0 && part?.heredoc !== true;

    while (this.i < this.src.length) {
      const c = this.src[this.i] as string;
      const next = this.src[this.i + 1];
      if (blank.has(c)) {
        this.i += 1;
        continue;
      }
      if (c === '\\' && next === '\n') {
        this.i += 2;
        continue;
      }
      if (c === '#') {
        this.skipComment();
        continue;
      }
      if (c === '\n') {
        this.i += 1;
        let end = this.i - 1;
        if (heredocs.length > 0) {
          end = this.readHeredocBodies(heredocs.splice(0));
          if (part !== undefined) part.heredoc = false;
        }
        const frame = stack.at(-1);
        if (frame?.kind === 'case' && frame.expect === 'body') commandWord = true;
        else if (frame?.kind !== 'case') commandWord = true;
        if (stack.length === 0 && !continued && part !== undefined) close(end);
        continue;
      }
      if (c === ')' && !top && stack.length === 0) {
        this.i += 1;
        return;
      }
      if ((c === '<' || c === '>') && next === '(') {
        // A process substitution is a word.
        begin();
        this.i += 2;
        this.scanList(false);
        this.word();
        commandWord = false;
        continued = false;
        continue;
      }
      const operator = this.operator();
      if (operator !== undefined) {
        const frame = stack.at(-1);
        if (!['&&', '||', '|', '|&'].includes(operator)) continued = false;
        switch (operator) {
          case ';':
            this.i += 1;
            if (atTop()) close(this.i - 1);
            else commandWord = true;
            continue;
          case '&':
            this.i += 1;
            if (atTop()) close(this.i);
            else commandWord = true;
            continue;
          case ';;':
          case ';&':
          case ';;&':
            this.i += operator.length;
            if (frame?.kind === 'case') frame.expect = 'pattern';
            continue;
          case '&&':
          case '||':
          case '|':
          case '|&':
            this.i += operator.length;
            begin();
            continued = true;
            commandWord = true;
            continue;
          case '(':
            begin();
            this.i += 1;
            if (frame?.kind === 'case' && frame.expect === 'pattern') continue;
            if (commandWord) {
              if (this.src[this.i] === '(') {
                this.i += 1;
                this.skipArithmetic();
                commandWord = false;
                continue;
              }
              (part as Part).compound = true;
              stack.push({ kind: 'paren' });
              continue;
            }
            // name() body: a function definition
            this.skipBlanks();
            if (this.src[this.i] === ')') this.i += 1;
            (part as Part).definesFunction = true;
            commandWord = true;
            continue;
          case ')':
            this.i += 1;
            if (frame?.kind === 'case' && frame.expect === 'pattern') {
              frame.expect = 'body';
              commandWord = true;
            } else if (frame?.kind === 'paren') {
              stack.pop();
              commandWord = false;
            }
            continue;
          default: {
            // A redirection: its target is the next word; `<<` and `<<-` start a here-document.
            begin();
            this.i += operator.length;
            this.skipBlanks();
            const target = this.word();
            if ((operator === '<<' || operator === '<<-') && target !== undefined) {
              heredocs.push({ delimiter: unquote(target), stripTabs: operator === '<<-' });
              (part as Part).heredoc = true;
            }
            continue;
          }
        }
      }
      // A word.
      continued = false;
      const wordStart = this.i;
      const frame = stack.at(-1);
      if (commandWord && c === '[' && next === '[') {
        begin();
        this.i += 2;
        this.skipDoubleBracket();
        commandWord = false;
        continue;
      }
      begin();
      const word = this.word() ?? '';
      if (this.i === wordStart) this.i += 1; // a character no rule above takes: go on, never loop
      if (frame?.kind === 'case' && frame.expect !== 'body') {
        if (frame.expect === 'word') frame.expect = 'in';
        else if (frame.expect === 'in' && word === 'in') frame.expect = 'pattern';
        else if (frame.expect === 'pattern' && word === 'esac') {
          stack.pop();
          commandWord = false;
        }
        continue;
      }
      if (!commandWord) continue;
      commandWord = this.reservedWord(word, stack, part as Part);
    }
    // Whatever is still open (a quote, a here-document, an `if`) is one command: the shell will
    // report the syntax error when it runs it.
    if (part !== undefined) close(this.src.length);
  }

  /** Applies a word in command position; returns whether a command word is expected next. */
  private reservedWord(word: string, stack: Frame[], part: Part): boolean {
    const top = stack.at(-1);
    switch (word) {
      case 'if':
        stack.push({ kind: 'if' });
        part.compound = true;
        return true;
      case 'fi':
        if (top?.kind === 'if') stack.pop();
        return false;
      case 'for':
      case 'select':
        stack.push({ kind: 'loop' });
        part.compound = true;
        this.skipBlanks();
        if (this.src.startsWith('((', this.i)) {
          this.i += 2;
          this.skipArithmetic();
        }
        return false;
      case 'while':
      case 'until':
        stack.push({ kind: 'loop' });
        part.compound = true;
        return true;
      case 'done':
        if (top?.kind === 'loop') stack.pop();
        return false;
      case 'case':
        stack.push({ kind: 'case', expect: 'word' });
        part.compound = true;
        return false;
      case 'esac':
        if (top?.kind === 'case') stack.pop();
        return false;
      case '{':
        stack.push({ kind: 'brace' });
        part.compound = true;
        return true;
      case '}':
        if (top?.kind === 'brace') stack.pop();
        return false;
      case 'function':
        part.definesFunction = true;
        this.skipBlanks();
        this.word();
        this.skipBlanks();
        if (this.src.startsWith('()', this.i)) this.i += 2;
        return true;
      default:
        return openers.has(word) || isAssignment(word);
    }
  }

  private emit(part: Part, end: number): void {
    const text = this.src.slice(part.start, end).replace(/[ \t]+$/, '');
    if (text.trim() === '') return;
    const line = this.src.slice(0, part.start).split('\n').length;
    this.commands.push({ text, line, offset: part.start, compound: part.compound && !part.definesFunction });
  }

  /** The operator at the cursor, if any (longest first); a lone `{`/`}` is a word. */
  private operator(): string | undefined {
    const rest = this.src.slice(this.i, this.i + 3);
    for (const candidate of operators) if (rest.startsWith(candidate)) return candidate;
    return undefined;
  }

  private skipBlanks(): void {
    while (blank.has(this.src[this.i] ?? '')) this.i += 1;
  }

  private skipComment(): void {
    const end = this.src.indexOf('\n', this.i);
    this.i = end === -1 ? this.src.length : end;
  }

  /** A word up to the next metacharacter, with its quotes and expansions; undefined if none. */
  private word(): string | undefined {
    const start = this.i;
    while (this.i < this.src.length) {
      const c = this.src[this.i] as string;
      if (metachars.has(c)) {
        // name=( … ): an array assignment's list belongs to the word.
        if (c === '(' && this.src[this.i - 1] === '=' && this.i > start) {
          this.i += 1;
          this.skipParenGroup();
          continue;
        }
        break;
      }
      this.quotedOrPlain();
    }
    return this.i > start ? this.src.slice(start, this.i) : undefined;
  }

  /** One character of a word, or a whole quoted string or expansion starting there. */
  private quotedOrPlain(): void {
    const c = this.src[this.i] as string;
    const next = this.src[this.i + 1];
    if (c === '\\') this.i += 2;
    else if (c === "'") this.skipUntil("'", false);
    else if (c === '"') this.skipDoubleQuoted();
    else if (c === '`') this.skipUntil('`', true);
    else if (c === '$' && next === "'") {
      this.i += 1;
      this.skipUntil("'", true);
    } else if (c === '$' || ((c === '<' || c === '>') && next === '(')) this.skipExpansion();
    else this.i += 1;
  }

  /** From an opening quote to its closing one (`escapes`: a backslash escapes the next character). */
  private skipUntil(quote: string, escapes: boolean): void {
    this.i += 1;
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (escapes && c === '\\') this.i += 2;
      else if (c === quote) {
        this.i += 1;
        return;
      } else this.i += 1;
    }
  }

  private skipDoubleQuoted(): void {
    this.i += 1;
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '"') {
        this.i += 1;
        return;
      } else if (c === '`') this.skipUntil('`', true);
      else if (c === '$') this.skipExpansion();
      else this.i += 1;
    }
  }

  /** `$x`, `${ … }`, `$( … )`, `$(( … ))`, `<( … )`, `>( … )`: the cursor is on `$`, `<` or `>`. */
  private skipExpansion(): void {
    const next = this.src[this.i + 1];
    if (next === '(') {
      if (this.src[this.i] === '$' && this.src[this.i + 2] === '(') {
        this.i += 3;
        this.skipArithmetic();
        return;
      }
      this.i += 2;
      this.scanList(false);
      return;
    }
    if (next === '{') {
      this.i += 2;
      let depth = 1;
      while (this.i < this.src.length && depth > 0) {
        const c = this.src[this.i];
        if (c === '}') {
          depth -= 1;
          this.i += 1;
        } else if (c === '{') {
          depth += 1;
          this.i += 1;
        } else this.quotedOrPlain();
      }
      return;
    }
    this.i += 1;
  }

  /** After `((`: up to the matching `))`, quotes and nested parentheses included. */
  private skipArithmetic(): void {
    let depth = 0;
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === '(') {
        depth += 1;
        this.i += 1;
      } else if (c === ')') {
        if (depth === 0 && this.src[this.i + 1] === ')') {
          this.i += 2;
          return;
        }
        depth = Math.max(0, depth - 1);
        this.i += 1;
      } else this.quotedOrPlain();
    }
  }

  /** After `(`: up to the matching `)`. */
  private skipParenGroup(): void {
    let depth = 1;
    while (this.i < this.src.length && depth > 0) {
      const c = this.src[this.i];
      if (c === '(') depth += 1;
      if (c === ')') depth -= 1;
      if (c === '(' || c === ')') this.i += 1;
      else this.quotedOrPlain();
    }
  }

  /** After `[[`: up to a `]]` word; `(`, `|`, `<` and the like inside are the test's own. */
  private skipDoubleBracket(): void {
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === ']' && this.src[this.i + 1] === ']' && /[\s;&|)]|$/.test(this.src[this.i + 2] ?? '')) {
        this.i += 2;
        return;
      }
      if (c === '\n' || c === ' ' || c === '\t') this.i += 1;
      else this.quotedOrPlain();
    }
  }

  /**
   * The bodies of the here-documents opened on the line just ended, in order; returns where the
   * last one's delimiter line ends.
   */
  private readHeredocBodies(heredocs: readonly Heredoc[]): number {
    let lineEnd = this.i;
    for (const heredoc of heredocs) {
      while (this.i < this.src.length) {
        const newline = this.src.indexOf('\n', this.i);
        lineEnd = newline === -1 ? this.src.length : newline;
        const line = this.src.slice(this.i, lineEnd);
        this.i = newline === -1 ? this.src.length : newline + 1;
        const compared = heredoc.stripTabs ? line.replace(/^\t+/, '') : line;
        if (compared === heredoc.delimiter) break;
      }
    }
    return lineEnd;
  }
}

const operators = [
  ';;&',
  '&>>',
  '<<-',
  '<<<',
  ';;',
  ';&',
  '&&',
  '||',
  '|&',
  '<<',
  '>>',
  '<&',
  '>&',
  '<>',
  '>|',
  '&>',
  ';',
  '&',
  '|',
  '(',
  ')',
  '<',
  '>',
];

function isAssignment(word: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(word);
}

/** A here-document delimiter as the shell compares it: quotes and backslashes removed. */
function unquote(word: string): string {
  return word.replace(
    /\\(.)|'([^']*)'|"((?:[^"\\]|\\.)*)"/g,
    (_m, escaped: string, single: string, double: string) =>
      escaped ?? single ?? double.replace(/\\(.)/g, '$1'),
  );
}
