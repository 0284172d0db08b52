import { toPlainText } from '../plain-text';
import type { MarkLetter } from './mark-parser';

/** One command the shell ran, as its marks described it. Offsets are in the session's stream. */
export interface TrackedCommand {
  seq: number;
  text: string;
  startedAt: number;
  endedAt: number | undefined;
  exitCode: number | undefined;
  /** running, finished (D seen), or unknown (the session dropped before D). */
  outcome: 'running' | 'finished' | 'unknown';
  outputStart: number;
  outputEnd: number | undefined;
}

/** runner: Handrail's runner reads and runs a block's commands (S … X;code each, D at its end). */
type Phase = 'none' | 'prompt' | 'input' | 'running' | 'runner';

export interface TrackerListener {
  commandStarted(command: TrackedCommand): void;
  commandFinished(command: TrackedCommand): void;
  promptShown(): void;
  /** B: the prompt is drawn and the shell reads input. */
  inputReady(): void;
  /** D after the runner's line: the block is over (its last command may have been cut short). */
  runnerEnded(exitCode: number | undefined): void;
}

/** Longest command line kept from the echoed input. */
const maxInputBytes = 64 * 1024;

/**
 * Turns marks and output into command records. bash and zsh send C when a command starts; sh
 * cannot, so for sh a command is the first line typed after B, counted when D arrives and that
 * line is not empty. D without a command (an empty line, Ctrl-C at the prompt) records nothing.
 */
export class CommandTracker {
  readonly commands: TrackedCommand[] = [];
  private phase: Phase = 'none';
  private input = '';
  private firstLineEnd: { offset: number; at: number } | undefined;
  private commandLine: string | undefined;
  private current: TrackedCommand | undefined;
  /** The text of the command the runner was sent and will start with its next S mark. */
  private nextPart: string | undefined;

  constructor(private readonly listener: TrackerListener) {}

  get running(): TrackedCommand | undefined {
    return this.current;
  }

  /** The shell is reading a command line (after B, before anything was entered). */
  get readingInput(): boolean {
    // Prompts may redraw (ESC [K) after B: only printed text means someone typed.
    return this.phase === 'input' && toPlainText(this.input).trim() === '';
  }

  /** Output in the session's stream; offset is where this piece starts. */
  data(text: string, offset: number, byteLength: number, at: number): void {
    if (this.phase !== 'input' || this.input.length > maxInputBytes) return;
    if (this.firstLineEnd === undefined) {
      const newline = text.indexOf('\n');
      if (newline !== -1) {
        const consumed = Buffer.byteLength(text.slice(0, newline + 1));
        this.firstLineEnd = { offset: offset + Math.min(consumed, byteLength), at };
      }
    }
    this.input += text;
  }

  /** The host typed the runner's line at the prompt: the marks that follow are the block's. */
  beginRunner(): void {
    this.phase = 'runner';
    this.current = undefined;
    this.nextPart = undefined;
  }

  /** The host sent the runner this command; it starts at the next S mark. */
  partSent(text: string): void {
    this.nextPart = text;
  }

  mark(letter: MarkLetter, argument: string | undefined, offset: number, at: number): void {
    if (this.phase === 'runner') {
      this.runnerMark(letter, argument, offset, at);
      return;
    }
    switch (letter) {
      case 'A':
        this.phase = 'prompt';
        this.listener.promptShown();
        break;
      case 'B':
        this.phase = 'input';
        this.input = '';
        this.firstLineEnd = undefined;
        this.commandLine = undefined;
        this.listener.inputReady();
        break;
      case 'E':
        this.commandLine = argument === undefined ? undefined : decodeCommandLine(argument);
        break;
      case 'C':
        if (this.phase === 'input') this.start(this.lineText(), offset, at);
        break;
      case 'D':
        this.end(argument, offset, at);
        break;
      default:
        break;
    }
  }

  private runnerMark(letter: MarkLetter, argument: string | undefined, offset: number, at: number): void {
    if (letter === 'S' && this.nextPart !== undefined) {
      this.start(this.nextPart, offset, at);
      this.phase = 'runner';
      this.nextPart = undefined;
    } else if (letter === 'X' && this.current !== undefined) {
      this.finish(this.current, argument, offset, at);
    } else if (letter === 'D') {
      // Ctrl-C (or an error the shell aborts on) ends the loop inside a command: D has its code.
      if (this.current !== undefined) this.finish(this.current, argument, offset, at);
      this.phase = 'none';
      this.listener.runnerEnded(exitCodeOf(argument));
    }
  }

  /** A new process in the same session (reconnect): start from no prompt. */
  reset(): void {
    this.phase = 'none';
    this.current = undefined;
  }

  /** The session ended or dropped: a command still running has no known outcome. */
  abandon(offset: number, at: number): void {
    const command = this.current;
    if (command === undefined) return;
    command.outcome = 'unknown';
    command.endedAt = at;
    command.outputEnd = offset;
    this.current = undefined;
    this.phase = 'none';
    this.listener.commandFinished(command);
  }

  private end(argument: string | undefined, offset: number, at: number): void {
    if (this.current === undefined && this.phase === 'input') {
      // sh: no C mark. A non-empty first line after the prompt was a command.
      const text = this.lineText();
      if (text !== '') this.start(text, this.firstLineEnd?.offset ?? offset, this.firstLineEnd?.at ?? at);
    }
    const command = this.current;
    this.phase = 'none';
    if (command === undefined) return;
    this.finish(command, argument, offset, at);
  }

  private finish(command: TrackedCommand, argument: string | undefined, offset: number, at: number): void {
    command.exitCode = exitCodeOf(argument);
    command.outcome = 'finished';
    command.endedAt = at;
    command.outputEnd = offset;
    this.current = undefined;
    this.listener.commandFinished(command);
  }

  private start(text: string, offset: number, at: number): void {
    const command: TrackedCommand = {
      seq: this.commands.length + 1,
      text,
      startedAt: at,
      endedAt: undefined,
      exitCode: undefined,
      outcome: 'running',
      outputStart: offset,
      outputEnd: undefined,
    };
    this.commands.push(command);
    this.current = command;
    this.phase = 'running';
    this.listener.commandStarted(command);
  }

  private lineText(): string {
    if (this.commandLine !== undefined) return this.commandLine;
    const plain = toPlainText(this.input.replace(/\r\n?/g, '\n'));
    return (plain.split('\n')[0] ?? '').trim();
  }
}

function exitCodeOf(argument: string | undefined): number | undefined {
  const code = Number(argument);
  return argument !== undefined && argument !== '' && Number.isInteger(code) ? code : undefined;
}

/** E's argument: backslash escapes `\\` and `\xHH` (see resources/shell-integration/bash.sh). */
export function decodeCommandLine(argument: string): string {
  return argument.replace(/\\(\\|x([0-9a-fA-F]{2}))/g, (_match, escaped: string, hex: string | undefined) =>
    hex === undefined ? escaped : String.fromCharCode(parseInt(hex, 16)),
  );
}
