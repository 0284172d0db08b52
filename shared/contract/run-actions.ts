import { z } from 'zod';
import { variableName } from '../runbook/model';
import { method } from './define';
import { environmentId } from './environments';
import { runbookId } from './runbooks';
import { personName, reason, runDetail, runId, runMode, runPlan, runUpdate, stepKey } from './runs';

/**
 * The run actions: planning and starting a run, then everything done to it and its steps. Each
 * answers the update its events made (`RunUpdate`), which is also broadcast as `runs.changed`.
 * What a screen reads of a run is run-view.ts; the other reads are run-reads.ts.
 */
const variableValues = z.record(variableName, z.string().max(64 * 1024)).default({});
const byRun = { id: runId };
const onStep = { id: runId, stepKey };
/** The environment's name, typed, for a destructive step of a live run in production. */
const confirm = z.string().max(200).optional();
/**
 * Why the step is done although a running wait or (in production) an earlier step holds it back
 * (shared/contract/step-order.ts); recorded with the step.
 */
const outOfOrderReason = reason.optional();

export const runMethods = {
  'runs.plan': method(
    z.strictObject({
      runbookId,
      revision: z.number().int().positive().optional(),
      environmentId,
      mode: runMode.default('live'),
    }),
    runPlan,
  ),
  /** Refused when practice is asked on production, or a variable has no value. */
  'runs.start': method(
    z.strictObject({
      runbookId,
      revision: z.number().int().positive(),
      environmentId,
      mode: runMode,
      operator: personName,
      variables: variableValues,
      /** Secret values: kept in the host's memory only, never stored. */
      secrets: variableValues,
    }),
    runDetail,
  ),
  /** After a restart: secret values again, held in memory. */
  'runs.supplySecrets': method(z.strictObject({ ...byRun, secrets: variableValues }), runUpdate),
  /** Opens the run's terminal on the environment's control host, or returns the open one. */
  'runs.openTerminal': method(z.strictObject(byRun), z.object({ terminalId: z.string() })),
  /**
   * Starts the step: sends its commands; the outcome arrives as `runs.changed`. On a rolling step:
   * starts its next batch (planning it first if needed), or continues the batch in progress.
   */
  'runs.runStep': method(z.strictObject({ ...onStep, confirm, outOfOrderReason }), runUpdate),
  /** Ctrl-C to the step's running command. */
  'runs.cancelCommand': method(z.strictObject(onStep), runUpdate),
  /** Instructions, manual checks (evidence required), unknown outcomes the operator verified. */
  'runs.markDone': method(
    z.strictObject({ ...onStep, evidence: z.string().max(1_000_000).optional(), confirm, outOfOrderReason }),
    runUpdate,
  ),
  'runs.fail': method(z.strictObject({ ...onStep, reason }), runUpdate),
  'runs.skip': method(z.strictObject({ ...onStep, reason }), runUpdate),
  /** A new attempt: runs the commands again (command steps) or reopens the step. */
  /**
   * Runs a failed, skipped or unknown step again. Retrying a skipped step takes back a recorded
   * decision, so it needs `reason`; after a failure or an unknown outcome it may carry one.
   */
  'runs.retry': method(
    z.strictObject({ ...onStep, confirm, outOfOrderReason, reason: reason.optional() }),
    runUpdate,
  ),
  'runs.editCommand': method(
    z.strictObject({
      ...onStep,
      commandIndex: z.number().int().nonnegative(),
      text: z.string().min(1).max(1_000_000),
      reason: z.string().max(10_000).optional(),
    }),
    runUpdate,
  ),
  'runs.addNote': method(
    z.strictObject({ ...byRun, stepKey: stepKey.nullable(), text: z.string().trim().min(1).max(1_000_000) }),
    runUpdate,
  ),
  'runs.addEvidence': method(
    z.strictObject({ ...onStep, text: z.string().trim().min(1).max(1_000_000) }),
    runUpdate,
  ),
  'runs.recordBackup': method(
    z.strictObject({
      ...onStep,
      path: z.string().trim().min(1).max(4096),
      sizeBytes: z.number().int().nonnegative().optional(),
      checksum: z.string().trim().min(1).max(256).optional(),
    }),
    runUpdate,
  ),
  /** Starts a wait step: a countdown, or polling its check until it passes or times out. */
  'runs.startWait': method(z.strictObject({ ...onStep, outOfOrderReason }), runUpdate),
  'runs.cutWait': method(z.strictObject({ ...onStep, reason }), runUpdate),
  'runs.setVariable': method(
    z.strictObject({
      ...byRun,
      name: variableName,
      value: z.string().max(64 * 1024),
      reason: z.string().max(10_000).optional(),
    }),
    runUpdate,
  ),
  'runs.pause': method(z.strictObject({ ...byRun, reason: z.string().max(10_000).optional() }), runUpdate),
  'runs.resume': method(z.strictObject(byRun), runUpdate),
  'runs.handover': method(z.strictObject({ ...byRun, operator: personName }), runUpdate),
  /** Refused while a step is pending, running or unknown (skip or verify them first). */
  'runs.finish': method(z.strictObject(byRun), runUpdate),
  'runs.abort': method(z.strictObject({ ...byRun, reason }), runUpdate),
  /** Rolling steps: skips every unfinished sub-step of a host; it stays visibly not updated. */
  'runs.skipHost': method(z.strictObject({ ...onStep, host: z.string().min(1).max(255), reason }), runUpdate),
  /** Rolling steps: stops the rolling update (the step fails); a retry continues where it stopped. */
  'runs.abortRolling': method(z.strictObject({ ...onStep, reason }), runUpdate),
};
