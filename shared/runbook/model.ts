/**
 * The runbook model: what a runbook file means once parsed, shared by the host (parser, importers,
 * runner) and the renderer (library, editor). Schemas fill every default, so two runbooks that mean
 * the same thing compare equal after `runbook.parse`.
 */
import { z } from 'zod';

/** Where something came from in an imported or parsed file (1-based, like editors show). */
export const sourcePosition = z.object({
  line: z.number().int().positive(),
  column: z.number().int().positive().default(1),
});
export type SourcePosition = z.infer<typeof sourcePosition>;

/** Whether a phase belongs inside the maintenance window or is done before or after it. */
export const phaseWindows = ['before', 'inside', 'after'] as const;
export const phaseWindow = z.enum(phaseWindows);
export type PhaseWindow = z.infer<typeof phaseWindow>;

export const stepKinds = ['instruction', 'command', 'check', 'backup', 'wait', 'rolling', 'gate'] as const;
export const stepKind = z.enum(stepKinds);
export type StepKind = z.infer<typeof stepKind>;

/** A variable a runbook's commands refer to as `{{name}}`. */
export const variableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a variable name is a letter or _ then letters, digits or _');
export const runbookVariable = z.object({
  name: variableName,
  description: z.string().default(''),
  default: z.string().optional(),
  /** Sent to the terminal but never stored or shown in plain text. */
  secret: z.boolean().default(false),
});
export type RunbookVariable = z.infer<typeof runbookVariable>;

/** What a command's result must look like for the step to pass. Regexes are JavaScript syntax. */
export const expectations = z.object({
  exitCode: z.number().int().min(0).max(255).optional(),
  outputMatches: z.array(z.string()).default([]),
  outputNotMatches: z.array(z.string()).default([]),
});
export type Expectations = z.infer<typeof expectations>;

export const command = z.object({
  /** The fence language: bash, console, yaml, ini, … */
  language: z.string().default('bash'),
  text: z.string(),
  /** True: sent to the terminal. False: a file or snippet shown to the operator, never run. */
  run: z.boolean().default(true),
  /** The block contains `set -e`: the runner must execute it without closing the operator's shell. */
  setE: z.boolean().default(false),
  /** For files to show: the file it belongs in (from an rST `:caption:` or `file=`). */
  file: z.string().optional(),
  /** Output shown in the guide after the command: kept for reference, never run. */
  expectedOutput: z.string().optional(),
  /** For wait steps: this command is polled until it succeeds. */
  poll: z.boolean().default(false),
  /**
   * Its shell commands may exit non-zero: each exit code is recorded and the step goes on. By
   * default every command of a block must exit 0 (the last one `expect.exitCode`).
   */
  mayFail: z.boolean().default(false),
  expect: expectations.optional(),
  source: sourcePosition.optional(),
});
export type Command = z.infer<typeof command>;

export const admonitionKinds = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export const warning = z.object({
  kind: z.enum(admonitionKinds).default('warning'),
  /** Markdown. */
  text: z.string(),
  source: sourcePosition.optional(),
});
export type Warning = z.infer<typeof warning>;

/** One tab of a tabbed section (Docusaurus `<TabItem>`): the same action another way. */
export const alternative = z.object({
  label: z.string(),
  text: z.string().default(''),
  commands: z.array(command).default([]),
});
export type Alternative = z.infer<typeof alternative>;

export const waitSpec = z.object({
  /** A countdown, e.g. the 200 s between RabbitMQ upgrades. */
  seconds: z.number().int().positive().optional(),
  /** Polling: the step's `poll` command is re-run every interval until it succeeds or the timeout. */
  intervalSeconds: z.number().int().positive().optional(),
  timeoutSeconds: z.number().int().positive().optional(),
});
export type WaitSpec = z.infer<typeof waitSpec>;

export const manualCheck = z.object({
  /** The operator must attach a note or pasted output before the check can pass. */
  evidenceRequired: z.boolean().default(true),
});
export type ManualCheck = z.infer<typeof manualCheck>;

export const rollingOrders = ['serial', 'batches', 'canary-first'] as const;

/** Stable ids let later revisions, runs and reports refer to the same step. */
export const stepId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'a step id is lowercase letters, digits and -');

const stepFields = {
  id: stepId,
  title: z.string().min(1),
  kind: stepKind,
  /** Markdown. */
  text: z.string().default(''),
  commands: z.array(command).default([]),
  manualCheck: manualCheck.optional(),
  wait: waitSpec.optional(),
  destructive: z.boolean().default(false),
  optional: z.boolean().default(false),
  estimatedDurationSeconds: z.number().int().positive().optional(),
  warnings: z.array(warning).default([]),
  alternatives: z.array(alternative).default([]),
  source: sourcePosition.optional(),
};

/**
 * A step inside a rolling step: repeated for every host (`{{host}}` is the current host).
 * `drains`: from the start of this sub-step the host is out of service (drained, disabled);
 * `restores`: once this sub-step has passed, the host is back in service. Without them a host is
 * out of service from its first sub-step's start until its last sub-step has passed.
 */
export const subStep = z.object({
  ...stepFields,
  drains: z.boolean().default(false),
  restores: z.boolean().default(false),
});
export type SubStep = z.infer<typeof subStep>;

export const rollingSpec = z.object({
  /** Inventory group name or host pattern. */
  group: z.string().min(1),
  order: z.enum(rollingOrders).default('serial'),
  batchSize: z.number().int().positive().default(1),
  /** At most this many hosts drained (out of service) at once. */
  drainCap: z.number().int().positive().optional(),
  /** The host holding the virtual IP goes last, so the VIP moves once. */
  vipHolderLast: z.boolean().default(false),
  /**
   * The host variable that says which host holds the VIP (a true value: true, yes, 1, …). Only
   * used with vipHolderLast; left out, the planner reads `vip_holder`.
   */
  vipVariable: z
    .string()
    .regex(
      /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
      'a host variable name is a letter or _ then letters, digits or _',
    )
    .optional(),
  /** A host, by name, that goes last of all (after any VIP holder). */
  lastHost: z.string().min(1).optional(),
  /** For order canary-first: the canary host by name; left out, the first host selected. */
  canary: z.string().min(1).optional(),
  /**
   * The next batch starts by itself once every sub-step of the batch before passed (its checks are
   * the health gates), within the drain cap; a failure still stops the rolling step.
   */
  auto: z.boolean().default(false),
  steps: z.array(subStep).default([]),
});
export type RollingSpec = z.infer<typeof rollingSpec>;

export const step = z.object({ ...stepFields, rolling: rollingSpec.optional() });
export type Step = z.infer<typeof step>;

export const phase = z.object({
  title: z.string().min(1),
  window: phaseWindow.default('inside'),
  /** Markdown shown above the phase's steps. */
  text: z.string().default(''),
  steps: z.array(step).default([]),
  source: sourcePosition.optional(),
});
export type Phase = z.infer<typeof phase>;

/**
 * How the steps are written (front matter `shell:`). `continuous` (the default): as for one shell
 * session, so a `cd`, `source` or `export` in one step holds in the next, as in the run's own
 * shell. `isolated`: each step is meant to stand on its own (to be pasted or run anywhere); lint
 * then warns where a step relies on state an earlier step set.
 */
export const shellModes = ['continuous', 'isolated'] as const;
export const shellMode = z.enum(shellModes);
export type ShellMode = z.infer<typeof shellMode>;

export const runbook = z.object({
  title: z.string().min(1),
  /** Markdown. */
  description: z.string().default(''),
  variables: z.array(runbookVariable).default([]),
  shell: shellMode.default('continuous'),
  phases: z.array(phase).default([]),
});
export type Runbook = z.infer<typeof runbook>;
/** A runbook as a caller may write it, defaults left out. */
export type RunbookInput = z.input<typeof runbook>;
