import { decodeCommandLine } from './command-tracker';

/**
 * Where the shell stands: its working folder and its exported variables as `export -p` prints
 * them (text that shell reads back). The integration sends them as V marks after a prompt when
 * they changed (bash, zsh: escaped like E's argument; sh: hex), in pieces ended by `V;.`.
 */
export interface ShellSnapshot {
  cwd: string;
  /** `export -p` of the shell, to evaluate in a shell of the same kind. */
  exports: string;
}

/** Joins V marks into snapshots. */
export class SnapshotReader {
  private pieces: string[] = [];
  private hex = false;

  /** A V mark's argument; returns the snapshot when this was its last piece. */
  push(argument: string | undefined): ShellSnapshot | undefined {
    if (argument === undefined) return undefined;
    if (argument === '.') {
      const text = this.hex
        ? Buffer.from(this.pieces.join(''), 'hex').toString('utf8')
        : decodeCommandLine(this.pieces.join(''));
      this.pieces = [];
      this.hex = false;
      const newline = text.indexOf('\n');
      if (newline === -1) return undefined;
      return { cwd: text.slice(0, newline), exports: text.slice(newline + 1) };
    }
    this.hex = argument.startsWith('h');
    this.pieces.push(argument.slice(1));
    // A snapshot is a few KiB; a stream of pieces without an end is not one of ours.
    if (this.pieces.length > 4096) this.pieces = [];
    return undefined;
  }
}
