import type { TerminalRecording } from '../../../shared/contract/index';
import type { TrackedCommand } from './shell-integration/command-tracker';
import type { SshProfile } from './ssh/ssh-profile';

export type SessionStatus = 'connecting' | 'connected' | 'dropped' | 'exited';
/** pending: waiting for the first prompt mark; absent: "no exit codes here". */
export type IntegrationState = 'pending' | 'active' | 'absent';

export interface SessionSnapshot {
  id: string;
  kind: 'local' | 'ssh';
  title: string;
  status: SessionStatus;
  integration: IntegrationState;
  exitCode: number | null;
  /** The run whose terminal this is, or null for a terminal of its own. */
  runId: string | null;
}

export type SessionTarget =
  { kind: 'local'; shell: string; args?: string[] | undefined } | { kind: 'ssh'; profile: SshProfile };

export interface SessionSpec {
  id: string;
  title: string;
  cols: number;
  rows: number;
  cwd: string;
  env: Record<string, string>;
  target: SessionTarget;
  /** Folder of ssh control sockets (0700). */
  controlDir: string;
  secrets: readonly string[];
  /** The run whose terminal this is (shown as such wherever the terminal is listed). */
  runId?: string | undefined;
  /**
   * Benchmarks only (test/bench/recording-overhead): false keeps output out of the transcript, to
   * measure what recording costs. The app never sets it: every session is recorded.
   */
  record?: boolean;
  /**
   * Reliability suite only (test/reliability/transcript-tail): false starts the program without
   * the wrapper that drains the pty's tail (pty-process.ts), to show the lost-bytes counter
   * catches the loss. The app never sets it.
   */
  drainTail?: boolean;
  /** Unwritten output kept in memory while writes fail (transcript-writer.ts); tests set it small. */
  heldBytesLimit?: number;
}

/** Where a session sends what happens to it (the manager routes it to a connection). */
export interface SessionSink {
  data(text: string): void;
  state(snapshot: SessionSnapshot): void;
  command(command: TrackedCommand): void;
  /** The transcript could not be written, or can be again (issue 18: a fault is said). */
  recording?(report: TerminalRecording): void;
}

export interface RunOptions {
  /**
   * After each command of a block: whether the next one is sent. Left out, only an exit code
   * of 0 lets the block go on (as `set -e` would).
   */
  accept?(command: TrackedCommand, index: number, planned: number): boolean;
  /** The block runs with errexit from its start (the runbook's `set-e`), scoped to the block. */
  errexit?: boolean;
}

export interface RunOutcome {
  /** The last command the shell ran: the one that failed, or the block's last. */
  command: TrackedCommand;
  /** Every command the shell ran, in order (those after a failure were never sent). */
  parts: TrackedCommand[];
  /** How many commands the block was cut into. */
  planned: number;
  /** The commands' output as stored (secrets masked), at most maxRunOutputBytes from its end. */
  output: string;
  /** Where each command's output starts in `output` (characters). */
  outputStarts: number[];
  truncated: boolean;
  /** false: the shell ended the runner's line without running anything (no integration?). */
  runnerStarted: boolean;
  /** Marks with a wrong or missing nonce printed while the block ran, refused (mark-parser.ts). */
  refusedMarks: number;
}

/** A run's result keeps the last 1 MiB of output; the transcript keeps all of it. */
export const maxRunOutputBytes = 1024 * 1024;
