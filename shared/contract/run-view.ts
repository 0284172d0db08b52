import { z } from 'zod';
import { stepKind, step as runbookStep } from '../runbook/model';
import { method } from './define';
import { rollingState } from './rolling';
import { note, runHeader, runId, stepKey, stepState, stepStatus, waitState } from './runs';
import { statusLettersPattern } from './step-layout';

/**
 * What the run screen is sent (issue 16, "the screen gets what it shows"). Opening a run
 * (`runs.open`) brings the header, the list's layout (every step's status as a letter, each
 * phase's size), the rows around the current step, every rolling step and host step (the grid
 * draws them all), and the current and running steps in full. Other rows come a page at a time
 * as the list scrolls (`runs.steps`); any step's output and history when it is opened
 * (`runs.step`). Later changes arrive as `runs.changed` (`RunUpdate`: the header and the steps
 * that changed, in full, with their positions). The engine's own state (reports, comparison,
 * verification, replay) is unchanged: this is only what is sent to a screen.
 */

/**
 * A step as a row of the list or a cell of the grid: no commands, attempts, output, evidence or
 * backups. Fields that are false, zero or null are left out, so a 5,000-step run's list stays
 * small.
 */
export const stepSummary = z.object({
  key: stepKey,
  phaseIndex: z.number().int().nonnegative(),
  title: z.string(),
  kind: stepKind,
  status: stepStatus,
  destructive: z.literal(true).optional(),
  optional: z.literal(true).optional(),
  noteCount: z.number().int().positive().optional(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  /** The exit code of its last attempt's last command, once that ended (the grid's cell shows it). */
  exitCode: z.number().int().optional(),
  /** Why it failed, was skipped or has no known outcome (the cell's tooltip, the hold's wording). */
  failReason: z.string().optional(),
  skipReason: z.string().optional(),
  unknownReason: z.string().optional(),
  /** A wait step's state: a running wait holds back the steps after it (step-order.ts). */
  wait: waitState.optional(),
  /** A rolling step's hosts and batches: the grid and the list's host note read them. */
  rolling: rollingState.optional(),
});
export type StepSummary = z.infer<typeof stepSummary>;

/** One step in full, with what its runbook says (from the plan kept with the run) and its notes. */
export const stepDetail = z.object({
  step: stepState,
  /** The runbook's step (for a host step: its sub-step); null for a run without a kept plan entry. */
  spec: runbookStep.nullable(),
  notes: z.array(note),
  /** Where the step stands in the run's step order (its row). */
  index: z.number().int().nonnegative(),
  /** The run's event count when this was read: a later `runs.changed` of the step wins over it. */
  eventCount: z.number().int().nonnegative(),
});
export type StepDetail = z.infer<typeof stepDetail>;

/** Consecutive rows of the run's steps, from position `from`. */
export const stepPage = z.object({
  from: z.number().int().nonnegative(),
  steps: z.array(stepSummary),
  /** The run's event count when these were read: a later `runs.changed` of a step wins over it. */
  eventCount: z.number().int().nonnegative(),
});
export type StepPage = z.infer<typeof stepPage>;

/** The most rows one `runs.steps` answers: a few screens of the list. */
export const stepPageLimit = 500;

/**
 * Every step's row, the current and running steps in full: `runs.get`, a whole-list read for
 * tools and tests. The run screen opens with `runs.open` instead, which stays light at any length.
 */
export const runOpen = z.object({
  run: runHeader,
  /** Every step of the run in order (host steps after the runbook's), as summaries. */
  steps: z.array(stepSummary),
  /** The current step and every running step, in full. */
  details: z.array(stepDetail),
  /** The notes on the run itself. */
  notes: z.array(note),
});
export type RunOpen = z.infer<typeof runOpen>;

export const runScreenOpen = z.object({
  run: runHeader,
  /** Every step's status, one letter each, in run order (step-layout.ts). */
  statuses: z.string().regex(statusLettersPattern),
  /** How many runbook steps each phase has: the list's rows without the rows themselves. */
  phaseSizes: z.array(z.number().int().nonnegative()),
  /** The rows sent with the open: around the current (or asked) step, the rolling and host steps. */
  pages: z.array(stepPage),
  /** The current step and every running step, in full. */
  details: z.array(stepDetail),
  /** The notes on the run itself (a step's notes come with its detail). */
  notes: z.array(note),
});
export type RunScreenOpen = z.infer<typeof runScreenOpen>;

export const runViewMethods = {
  /** Every row of a run at once (tools, tests): what a screen shows of it is `runs.open`. */
  'runs.get': method(z.strictObject({ id: runId }), runOpen),
  /** Opening a run on a screen: light, whatever its length (see above); `around` centres its rows. */
  'runs.open': method(z.strictObject({ id: runId, around: stepKey.optional() }), runScreenOpen),
  /** Rows the list scrolled to: `count` from `from`, or centred on the step `around`. */
  'runs.steps': method(
    z.strictObject({
      id: runId,
      from: z.number().int().nonnegative().optional(),
      around: stepKey.optional(),
      count: z.number().int().positive().max(stepPageLimit),
    }),
    stepPage,
  ),
  /** One step in full: what the run screen shows when the operator opens it. */
  'runs.step': method(z.strictObject({ id: runId, stepKey }), stepDetail),
};
