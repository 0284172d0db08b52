import { z } from 'zod';
import { method, noParams } from './define';

/**
 * The view acknowledges output once it has parsed this many characters (host flow control,
 * electron/host/terminal/flow-control.ts). VS Code acknowledges every 5,000 (CharCountAckSize);
 * here an acknowledgement is a whole RPC request through the host's only thread, so at 5,000 a
 * 40 MB/s flood made 8,000 requests a second. 32 KiB is about a millisecond of xterm.js parsing,
 * and well under the gap between flow control's watermarks, so a paused pty always resumes.
 */
export const terminalAckChars = 32 * 1024;

export const terminalId = z.string().uuid();

const dimension = z.number().int().min(2).max(1000);

/** A control host for the system ssh: an ssh_config alias or host, with optional details. */
export const sshProfile = z.strictObject({
  host: z.string().min(1).max(255),
  user: z.string().min(1).max(64).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  jump: z.string().min(1).max(512).optional(),
  identityFile: z.string().min(1).max(4096).optional(),
  /** Extra `-o Key=Value` options. */
  options: z.array(z.string().min(3).max(1024)).max(64).optional(),
  configFile: z.string().min(1).max(4096).optional(),
});
export type SshProfileInput = z.infer<typeof sshProfile>;

export const terminalTarget = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('local'),
    /** Absolute path of the shell; the user's login shell ($SHELL) when left out. */
    shell: z.string().startsWith('/').max(4096).optional(),
    /**
     * The practice sandbox (docs/sandbox.md): the shell starts in the data folder's sandbox home
     * with the bundled stand-in commands first on PATH. Nothing else about the shell changes.
     */
    sandbox: z.literal(true).optional(),
  }),
  z.strictObject({ kind: z.literal('ssh'), profile: sshProfile }),
]);
export type TerminalTarget = z.infer<typeof terminalTarget>;

export const terminalStatus = z.enum(['connecting', 'connected', 'dropped', 'exited']);
/** pending: no prompt mark yet; absent: "no exit codes here"; active: commands are tracked. */
export const integrationState = z.enum(['pending', 'active', 'absent']);

export const terminalSnapshot = z.object({
  id: terminalId,
  kind: z.enum(['local', 'ssh']),
  title: z.string(),
  status: terminalStatus,
  integration: integrationState,
  exitCode: z.number().int().nullable(),
  /** The run whose terminal this is, or null: a run's terminal is labelled wherever it is listed. */
  runId: z.string().nullable(),
});
export type TerminalSnapshot = z.infer<typeof terminalSnapshot>;

/**
 * What a view that attaches to a session (after a reload) draws first: the end of its stored
 * transcript (base64: it may end inside a character), starting at the size it was written at,
 * with each later resize at its byte offset in `data`. Output from then on comes as events.
 */
export const terminalRecent = z.object({
  data: z.string(),
  cols: dimension,
  rows: dimension,
  resizes: z.array(z.object({ offset: z.number().int().nonnegative(), cols: dimension, rows: dimension })),
});
export type TerminalRecent = z.infer<typeof terminalRecent>;

export const terminalCommand = z.object({
  seq: z.number().int().nonnegative(),
  text: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  /** unknown: the session dropped or ended before the shell reported the end. */
  outcome: z.enum(['running', 'finished', 'unknown']),
  /** Byte range of the output in the session's transcript. */
  outputStart: z.number().int().nonnegative(),
  outputEnd: z.number().int().nonnegative().nullable(),
});
export type TerminalCommand = z.infer<typeof terminalCommand>;

/**
 * A session's output could not be written (a full disk, an I/O error: issue 18). `failing`: the
 * output is held in memory (`heldBytes`) and written again every few seconds; `recovered`: it was
 * written; `abandoned`: the session closed while writes failed. `lost` lists the byte ranges of
 * the session's stream that were not kept (past the held limit, or held when it closed).
 */
export const terminalRecording = z.object({
  id: terminalId,
  state: z.enum(['failing', 'recovered', 'abandoned']),
  message: z.string(),
  heldBytes: z.number().int().nonnegative(),
  lost: z.array(z.object({ fromByte: z.number().int().nonnegative(), bytes: z.number().int().positive() })),
});
export type TerminalRecording = z.infer<typeof terminalRecording>;

export const runResult = z.object({
  /** The block's last command the shell ran (the one that failed, or the last). */
  command: terminalCommand,
  /** Every shell command of the block that ran, in order (docs/terminals.md, "Running a step"). */
  parts: z.array(terminalCommand),
  /** The output as stored (secrets masked), at most its last 1 MiB. */
  output: z.string(),
  truncated: z.boolean(),
});
export type RunResult = z.infer<typeof runResult>;

const ok = z.object({});
const byId = z.strictObject({ id: terminalId });

export const terminalMethods = {
  'terminals.open': method(
    z.strictObject({
      target: terminalTarget,
      title: z.string().max(200).optional(),
      cols: dimension.default(80),
      rows: dimension.default(24),
      /** Values to mask in the stored transcript (at least 4 bytes each). */
      secrets: z.array(z.string().min(4).max(4096)).max(256).default([]),
    }),
    terminalSnapshot,
  ),
  /**
   * Makes this connection the one that receives the session's output (after a reload), and
   * answers with its recent output to draw first.
   */
  'terminals.attach': method(byId, terminalSnapshot.extend({ recent: terminalRecent })),
  'terminals.close': method(byId, ok),
  'terminals.reconnect': method(byId, terminalSnapshot),
  'terminals.resize': method(z.strictObject({ id: terminalId, cols: dimension, rows: dimension }), ok),
  /** Keystrokes and pastes; never stored. */
  'terminals.input': method(z.strictObject({ id: terminalId, data: z.string().min(1).max(1_000_000) }), ok),
  /** Characters the view has parsed (flow control), sent every `terminalAckChars`. */
  'terminals.ack': method(z.strictObject({ id: terminalId, chars: z.number().int().positive() }), ok),
  /** Sends a command and answers when the shell reports its end. */
  'terminals.run': method(
    z.strictObject({ id: terminalId, command: z.string().min(1).max(1_000_000) }),
    runResult,
  ),
  /** Ctrl-C to the foreground program. */
  'terminals.cancel': method(byId, ok),
  'terminals.list': method(noParams, z.array(terminalSnapshot)),
  /**
   * The commands a session ran, oldest first; with `last`, only the newest that many (a view
   * attaching to a long run's terminal, which ran thousands, shows the latest).
   */
  'terminals.commands': method(
    z.strictObject({ id: terminalId, last: z.number().int().positive().max(100_000).optional() }),
    z.array(terminalCommand),
  ),
  'terminals.exportAsciicast': method(byId, z.object({ text: z.string() })),
};

export const terminalEvents = {
  /** Output for the view, to the connection that opened or attached the session only. */
  'terminals.data': z.object({ id: terminalId, data: z.string() }),
  'terminals.state': terminalSnapshot,
  'terminals.command': z.object({ id: terminalId, command: terminalCommand }),
  /** To every connection: a session's recording fault began, ended or was left at its close. */
  'terminals.recording': terminalRecording,
};
