import type {
  CommandPart,
  EnvironmentSnapshot,
  RollingHost,
  RollingState,
  RollingSubStep,
  RunMode,
  StepStatus,
} from '../../../shared/contract/index';
import type { ApprovalEventPayloads } from '../approval/approval-event-types';

/**
 * The events of a run's log and their payloads. Payloads hold no secret value: commands and
 * outputs are masked before they become a payload, secret variables appear by name only.
 */
export interface EventPayloads extends ApprovalEventPayloads {
  // Approval before change (docs/approval.md): its events are in approval/approval-event-types.ts.
  'run.created': {
    runbookId: string;
    revision: number;
    runbookTitle: string;
    environment: EnvironmentSnapshot;
    mode: RunMode;
    operator: string;
    /** Values as shown: a secret's value is the mask. */
    variables: Record<string, string>;
    secretNames: string[];
  };
  'run.paused': { reason: string | null };
  'run.resumed': Record<string, never>;
  'run.handover': { from: string; to: string };
  'run.finished': Record<string, never>;
  'run.aborted': { reason: string };
  'variable.changed': { name: string; value: string; secret: boolean; reason: string | null };
  'secrets.supplied': { names: string[] };
  'terminal.opened': { terminalId: string };
  'step.started': { attempt: number };
  'command.sent': { index: number; text: string; terminalId: string | null };
  'command.finished': {
    index: number;
    exitCode: number | null;
    outcome: 'finished' | 'unknown';
    output: string;
    outputTruncated: boolean;
    terminalSeq: number | null;
    problems: string[];
    /** Each shell command of the block as it ran; the number not sent after a failure. */
    parts?: CommandPart[];
    notRun?: number;
    /** Shell-integration marks with a wrong nonce printed during the block (absent when none). */
    refusedMarks?: number;
  };
  'command.lost': { reason: string };
  'command.cancelled': { index: number };
  'command.edited': {
    index: number;
    oldText: string;
    newText: string;
    template: string;
    reason: string | null;
  };
  'step.succeeded': { override: boolean };
  'step.failed': { reason: string };
  'step.skipped': { reason: string };
  /** from and reason: the state it was retried from and why (absent in older logs). */
  'step.retried': { attempt: number; from?: StepStatus; reason?: string };
  'step.unknown': { reason: string };
  /** The step was done although held back: a running wait before it, or earlier steps not done. */
  'step.outOfOrder': { reason: string; kind: 'wait' | 'order'; heldBy: string[] };
  'note.added': { text: string };
  /** Output of the run's terminal that could not be recorded (issue 18): the transcript's hole. */
  'transcript.gap': { terminalId: string; fromByte: number; bytes: number; reason: string };
  'evidence.added': { text: string };
  'backup.recorded': {
    path: string;
    sizeBytes: number | null;
    checksum: string | null;
    source: 'output' | 'typed';
  };
  'wait.started': { mode: 'countdown' | 'poll'; endsAt: string | null };
  /** inRunShell: polled with the run shell's folder and exported variables (absent in older logs). */
  'wait.poll': { attempt: number; exitCode: number; output: string; inRunShell?: boolean };
  'wait.finished': { timedOut: boolean };
  'wait.cut': { reason: string };
  'gate.signed': { name: string; role: string };
  /**
   * A sign-off of this run, in its own log (issue 19): what was signed and by which key, as
   * digests of the signed payload and of the armoured signature the bundle carries beside the log.
   * Taking a signature out of a bundle leaves this event pointing at nothing, which verify reports;
   * taking the event out breaks the chain.
   */
  'signoff.recorded': SignoffRecord;
  /** The rolling step's hosts and batches, pinned; the sub-steps as the revision writes them. */
  'rolling.planned': Pick<
    RollingState,
    'pattern' | 'order' | 'batchSize' | 'drainCap' | 'auto' | 'batches' | 'warnings' | 'inventoryFile'
  > & { hosts: RollingHost[]; subSteps: PlannedSubStep[] };
  'rolling.batchStarted': { batch: number; hosts: string[] };
  'rolling.batchFinished': { batch: number };
  'rolling.hostSkipped': { host: string; reason: string };
  'rolling.aborted': { reason: string };
}

export interface SignoffRecord {
  kind: 'gate' | 'final' | 'countersign' | 'review';
  stepKey: string | null;
  name: string;
  role: string;
  /** When it was signed: the statement's own time, the same as the stored signature's. */
  signedAt: string;
  fingerprint: string;
  /** SHA-256 (hex) of the signed payload's UTF-8 bytes and of the armoured signature's text. */
  payloadSha256: string;
  signatureSha256: string;
}

/** A sub-step in the plan: what each host's copy of it starts from (`{{host}}` still in the text). */
export type PlannedSubStep = RollingSubStep & {
  destructive: boolean;
  optional: boolean;
  commands: Array<{ text: string; run: boolean }>;
};

export type RunEventType = keyof EventPayloads;

/** An event before it is sealed into the log (seq, time and hashes are added by the log). */
export interface EventDraft<T extends RunEventType = RunEventType> {
  type: T;
  actor: string;
  stepKey: string | null;
  payload: EventPayloads[T];
}

/** The actor of events the host records by itself (outcomes, timers, recovery). */
export const hostActor = 'handrail';

export function draft<T extends RunEventType>(
  type: T,
  actor: string,
  stepKey: string | null,
  payload: EventPayloads[T],
): EventDraft {
  return { type, actor, stepKey, payload } as EventDraft;
}
