import { z } from 'zod';
import { rollingOrders, stepKind } from '../runbook/model';

/**
 * A rolling step in a run: its plan (hosts and batches, pinned in the log when it is planned)
 * and where it stands. Each host × sub-step is a step of the run with the key
 * `<step id>@<host>/<sub-step id>`, with the same states, attempts and actions as any step.
 */
export const rollingSubStep = z.object({
  id: z.string(),
  title: z.string(),
  kind: stepKind,
  drains: z.boolean(),
  restores: z.boolean(),
});
export type RollingSubStep = z.infer<typeof rollingSubStep>;

export const rollingHost = z.object({
  name: z.string(),
  /** The inventory groups that list the host directly. */
  groups: z.array(z.string()),
  /** Index of its batch. */
  batch: z.number().int().nonnegative(),
  /** Holds the VIP (its inventory's VIP variable is true): the grid marks it. Absent otherwise. */
  vipHolder: z.literal(true).optional(),
});
export type RollingHost = z.infer<typeof rollingHost>;

export const rollingState = z.object({
  /** The host pattern the hosts were selected with. */
  pattern: z.string(),
  order: z.enum(rollingOrders),
  batchSize: z.number().int().positive(),
  drainCap: z.number().int().positive().nullable(),
  /** Batches start by themselves after a batch that fully passed. */
  auto: z.boolean(),
  /** Every host once, in execution order. */
  hosts: z.array(rollingHost),
  batches: z.array(z.array(z.string())),
  subSteps: z.array(rollingSubStep),
  /** What the planner warned about (no VIP holder found, …). */
  warnings: z.array(z.string()),
  /** The inventory file the hosts came from. */
  inventoryFile: z.string(),
  /** The batch in progress, if one was started and has not finished. */
  currentBatch: z.number().int().nonnegative().nullable(),
  /** Batches finished (every host's sub-steps passed or skipped), counted from the first. */
  finishedBatches: z.number().int().nonnegative(),
  /** Hosts skipped by the operator, with the reason: they stay not updated. */
  skippedHosts: z.record(z.string(), z.string()),
  /** Hosts out of service now: drained or disabled, and not yet restored. */
  outOfService: z.array(z.string()),
  abortReason: z.string().nullable(),
});
export type RollingState = z.infer<typeof rollingState>;

/** The step key of a host's sub-step. Step and sub-step ids never hold `@` or `/`. */
export function hostStepKey(stepKey: string, host: string, subStepId: string): string {
  return `${stepKey}@${host}/${subStepId}`;
}

export interface HostStepKey {
  stepKey: string;
  host: string;
  subStepId: string;
}

/** The parts of a host step key, or undefined for a runbook step's key. */
export function parseHostStepKey(key: string): HostStepKey | undefined {
  const at = key.indexOf('@');
  const slash = key.lastIndexOf('/');
  if (at <= 0 || slash <= at + 1) return undefined;
  return { stepKey: key.slice(0, at), host: key.slice(at + 1, slash), subStepId: key.slice(slash + 1) };
}

export function isHostStepKey(key: string): boolean {
  return parseHostStepKey(key) !== undefined;
}
