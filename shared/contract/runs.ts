import { z } from 'zod';
import { holdsDisplayControls } from '../text/display-controls';
import { phaseWindow, stepKind } from '../runbook/model';
import { environmentId, environmentKind } from './environments';
import { runApproval } from './approvals';
import { rollingState } from './rolling';
import { runbookId } from './runbooks';
import { terminalTarget } from './terminals';

/**
 * Runs: one execution of one runbook revision in one environment. Every action is an event
 * appended (hash-chained) to the run's log before its answer is sent; the state below is derived
 * from that log. Actions answer with a `RunUpdate` (the run's header and the steps that changed),
 * and every connection gets the same update as a `runs.changed` event, so two windows agree.
 * What opening a run sends (`runs.get`, `runs.step`) is in run-view.ts.
 */
export const runId = z.string().uuid();
export const runModes = ['live', 'practice'] as const;
export const runMode = z.enum(runModes);
export type RunMode = z.infer<typeof runMode>;

/** active → paused ⇄ active → completed | aborted. */
export const runStatuses = ['active', 'paused', 'completed', 'aborted'] as const;
export const runStatus = z.enum(runStatuses);
export type RunStatus = z.infer<typeof runStatus>;

/** `unknown`: a command was running when the connection dropped or the app died: verify it. */
export const stepStatuses = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'unknown'] as const;
export const stepStatus = z.enum(stepStatuses);
export type StepStatus = z.infer<typeof stepStatus>;

/**
 * A step's key in a run: the runbook's step id; for a host of a rolling step,
 * `<step id>@<host>/<sub-step id>`.
 */
export const stepKey = z.string().min(1).max(400);

/** Free text a person typed: a reason, a note. */
/** Why an action was taken (a skip, a failure, an out-of-order step): recorded with it. */
export const reason = z.string().trim().min(1, 'a reason is required').max(10_000);
/** A person's name as typed (operator, signer, reviewer): one line, as lists and reports show it. */
export const personName = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(120)
  .refine((value) => !/[\r\n\0]/.test(value), 'a name is one line')
  .refine(
    (value) => !holdsDisplayControls(value),
    'a name may not hold control characters or bidirectional formatting characters (U+202E and the like)',
  );

/**
 * One shell command of a block as the shell ran it (docs/terminals.md, "Running a step"): a block
 * is cut into the commands the shell runs one at a time, each judged by its exit code.
 */
export const commandPart = z.object({
  /** As sent, secrets masked. */
  text: z.string(),
  exitCode: z.number().int().nullable(),
  outcome: z.enum(['finished', 'unknown']),
  /** Where its output starts in the record's `output` (characters); null if cut off the kept tail. */
  outputStart: z.number().int().nonnegative().nullable(),
  /** Its number in the terminal session (links to the transcript). */
  terminalSeq: z.number().int().nullable(),
  /** Why it did not pass; null when it did. */
  problem: z.string().nullable(),
});
export type CommandPart = z.infer<typeof commandPart>;

export const commandRecord = z.object({
  index: z.number().int().nonnegative(),
  /** The command as sent, with secret values masked. */
  text: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  outcome: z.enum(['running', 'finished', 'unknown']),
  /** The output as stored (secrets masked, escape sequences removed), its last 64 KiB at most. */
  output: z.string(),
  outputTruncated: z.boolean(),
  terminalId: z.string().nullable(),
  /** The command's number in the terminal session (links to the transcript). */
  terminalSeq: z.number().int().nullable(),
  /** Why the expectations failed (empty when they held or were not judged yet). */
  problems: z.array(z.string()),
  /**
   * The block's shell commands that ran, in order, once it finished; `notRun` more were not sent
   * after a failure. Absent in runs recorded before blocks were run command by command.
   */
  parts: z.array(commandPart).optional(),
  notRun: z.number().int().nonnegative().optional(),
});
export type CommandRecord = z.infer<typeof commandRecord>;

export const attempt = z.object({
  number: z.number().int().positive(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  operator: z.string(),
  commands: z.array(commandRecord),
  outcome: stepStatus,
});
export type Attempt = z.infer<typeof attempt>;

export const note = z.object({
  seq: z.number().int().nonnegative(),
  at: z.string(),
  author: z.string(),
  stepKey: z.string().nullable(),
  /** Markdown, shown escaped. */
  text: z.string(),
});
export type Note = z.infer<typeof note>;

export const evidence = z.object({ at: z.string(), author: z.string(), text: z.string() });
export type Evidence = z.infer<typeof evidence>;

export const backupRecord = z.object({
  at: z.string(),
  author: z.string(),
  path: z.string(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  checksum: z.string().nullable(),
  /** `output`: read from the command's output; `typed`: entered by the operator. */
  source: z.enum(['output', 'typed']),
});
export type BackupRecord = z.infer<typeof backupRecord>;

export const waitState = z.object({
  mode: z.enum(['countdown', 'poll']),
  startedAt: z.string(),
  /** Countdown: when it ends. Poll: when it times out. */
  endsAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  pollAttempts: z.number().int().nonnegative(),
  lastExitCode: z.number().int().nullable(),
  /** The last poll's output (its last 4 KiB), and whether it ran in the run shell's environment. */
  lastOutput: z.string().optional(),
  inRunShell: z.boolean().optional(),
  cutReason: z.string().nullable(),
  timedOut: z.boolean(),
});
export type WaitState = z.infer<typeof waitState>;

export const signoff = z.object({ name: z.string(), role: z.string(), at: z.string() });
export type Signoff = z.infer<typeof signoff>;

export const stepState = z.object({
  key: stepKey,
  phaseIndex: z.number().int().nonnegative(),
  title: z.string(),
  kind: stepKind,
  destructive: z.boolean(),
  optional: z.boolean(),
  status: stepStatus,
  attempts: z.array(attempt),
  /** Commands as they will be sent next (variables filled in, secrets masked; edits applied). */
  commands: z.array(
    z.object({
      text: z.string(),
      run: z.boolean(),
      edited: z.boolean(),
      /** The command before substitution (`{{name}}` kept): what an edit starts from. */
      template: z.string(),
    }),
  ),
  skipReason: z.string().nullable(),
  failReason: z.string().nullable(),
  /** Why the outcome is unknown, and what the operator should verify. */
  unknownReason: z.string().nullable(),
  evidence: z.array(evidence),
  backups: z.array(backupRecord),
  wait: waitState.nullable(),
  signoff: signoff.nullable(),
  noteCount: z.number().int().nonnegative(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Rolling steps, once planned: hosts, batches and progress (issue 6). */
  rolling: rollingState.optional(),
  /** Each time it was done while held back (shared/contract/step-order.ts), with the reason given. */
  outOfOrder: z
    .array(
      z.object({ at: z.string(), author: z.string(), reason: z.string(), kind: z.enum(['wait', 'order']) }),
    )
    .optional(),
});
export type StepState = z.infer<typeof stepState>;

export const environmentSnapshot = z.object({
  id: environmentId,
  name: z.string(),
  kind: environmentKind,
  colour: z.string(),
  controlHost: terminalTarget,
});
export type EnvironmentSnapshot = z.infer<typeof environmentSnapshot>;

export const runPhase = z.object({
  title: z.string(),
  window: phaseWindow,
  estimatedSeconds: z.number().nonnegative(),
});

export const runHeader = z.object({
  id: runId,
  runbookId,
  revision: z.number().int().positive(),
  runbookTitle: z.string(),
  environment: environmentSnapshot,
  mode: runMode,
  operator: z.string(),
  /** Everyone who held the run, in order, with when they took it. */
  operators: z.array(z.object({ name: z.string(), from: z.string() })),
  status: runStatus,
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  pausedAt: z.string().nullable(),
  /** Seconds the run was paused, finished pauses only. */
  pausedSeconds: z.number().nonnegative(),
  phases: z.array(runPhase),
  /** Variable values as shown: secrets are a mask. */
  variables: z.record(z.string(), z.string()),
  secretNames: z.array(z.string()),
  /** Secret values are in the host's memory (false after a restart until supplied again). */
  secretsAvailable: z.boolean(),
  terminalId: z.string().nullable(),
  counts: z.record(stepStatus, z.number().int().nonnegative()),
  /** The first step that is not finished (succeeded, failed or skipped), if any. */
  currentStepKey: z.string().nullable(),
  eventCount: z.number().int().nonnegative(),
  headHash: z.string(),
  /** Approval before change (approvals.ts, docs/approval.md): absent when the run needs none. */
  approval: runApproval.optional(),
});
export type RunHeader = z.infer<typeof runHeader>;

export const runDetail = z.object({ run: runHeader, steps: z.array(stepState), notes: z.array(note) });
export type RunDetail = z.infer<typeof runDetail>;

/** What an action changed: the header, the steps it touched, the notes it added. */
export const runUpdate = z.object({
  run: runHeader,
  steps: z.array(stepState),
  /** Where each of `steps` stands in the run's step order: a screen holding only some rows keeps its counts. */
  positions: z.array(z.number().int().nonnegative()),
  notes: z.array(note),
});
export type RunUpdate = z.infer<typeof runUpdate>;

/**
 * How many steps ended how, as every screen and report states it (`shared/run/step-tally.ts`
 * computes it; nothing else counts). `done` is succeeded only: a failed or skipped step is not
 * done. `open` is pending or running. done + failed + skipped + unknown + open = total.
 */
export const stepTally = z.object({
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
  open: z.number().int().nonnegative(),
});
export type StepTally = z.infer<typeof stepTally>;

/** The runbook's steps and the host steps of its rolling steps, stated separately. */
export const runTally = z.object({ steps: stepTally, hostSteps: stepTally });
export type RunTally = z.infer<typeof runTally>;

export const runSummary = z.object({
  id: runId,
  runbookTitle: z.string(),
  revision: z.number().int().positive(),
  environmentName: z.string(),
  environmentKind,
  environmentColour: z.string(),
  mode: runMode,
  operator: z.string(),
  status: runStatus,
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().nonnegative(),
  tally: runTally,
  /** Approval before change (approvals.ts): absent when the run needs none. */
  approval: runApproval.optional(),
});
export type RunSummary = z.infer<typeof runSummary>;

export const runEvent = z.object({
  seq: z.number().int().nonnegative(),
  at: z.string(),
  type: z.string(),
  actor: z.string(),
  stepKey: z.string().nullable(),
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type RunEvent = z.infer<typeof runEvent>;

export const planStep = z.object({
  key: z.string(),
  title: z.string(),
  kind: stepKind,
  destructive: z.boolean(),
  optional: z.boolean(),
  insideWindow: z.boolean(),
  estimatedSeconds: z.number().nonnegative(),
  /** Seconds from the run's start at which the step is expected to begin. */
  offsetSeconds: z.number().nonnegative(),
  /** Commands with variables filled in (secrets masked); `{{name}}` left where no value yet. */
  commands: z.array(z.string()),
});
export const runPlan = z.object({
  runbookId,
  revision: z.number().int().positive(),
  runbookTitle: z.string(),
  phases: z.array(runPhase.extend({ steps: z.array(planStep) })),
  variables: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      secret: z.boolean(),
      /** From the environment, else the runbook's default; null when none. Secrets: null. */
      value: z.string().nullable(),
      /** A sealed (keychain) value is stored for this secret. */
      remembered: z.boolean(),
    }),
  ),
  totalSeconds: z.number().nonnegative(),
  windowSeconds: z.number().nonnegative(),
  destructiveCount: z.number().int().nonnegative(),
  /** Why a start would be refused right now (practice on production, …); empty when it can start. */
  problems: z.array(z.string()),
});
export type RunPlan = z.infer<typeof runPlan>;

/**
 * Something the host could not record for a run (issue 18: a fault is said, never swallowed).
 * `outcome`: a step's outcome (or a gap record) is held in memory and committed again until it
 * is; meanwhile the run takes no other action. `transcript`: the run's terminal output could not
 * be written (terminals.recording); `lostBytes` of it were not kept.
 */
export const runFault = z.object({
  runId: z.string(),
  kind: z.enum(['outcome', 'transcript']),
  state: z.enum(['failing', 'recovered', 'abandoned']),
  stepKey: z.string().nullable(),
  message: z.string(),
  heldBytes: z.number().int().nonnegative(),
  lostBytes: z.number().int().nonnegative(),
});
export type RunFault = z.infer<typeof runFault>;

export const runEvents = {
  /** The run's header with the steps and notes that changed, to every connection. */
  'runs.changed': runUpdate,
  /** A recording fault of a run began or ended, to every connection (the run screen shows it). */
  'runs.fault': runFault,
};
