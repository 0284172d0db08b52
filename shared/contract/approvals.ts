import { z } from 'zod';
import { holdsDisplayControls } from '../text/display-controls';
import { method, noParams } from './define';
import { environmentKind, type EnvironmentKind } from './environments';

/**
 * Approval before change (issue 19 item 4, docs/approval.md): a run on an environment whose kind
 * needs approval (production by default) may not run a step until a second person signed its
 * plan, or it was started as an emergency (then reviewed after the fact). This file does not
 * import runs.ts: runs.ts puts `runApproval` into every run header.
 */

const runIdOf = z.string().uuid();
const approverName = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(120)
  .refine((value) => !/[\r\n\0]/.test(value), 'a name is one line')
  .refine((value) => !holdsDisplayControls(value), 'a name may not hold control or bidirectional characters');
const approverRole = z.string().trim().max(120).default('Approver');

/** What a second person approves: everything that decides what the run will do, no secret value. */
export const approvalPlan = z.object({
  format: z.literal('handrail-plan/1'),
  runId: runIdOf,
  runbook: z.object({
    id: z.string(),
    title: z.string(),
    revision: z.number().int().positive(),
    sourceSha256: z.string(),
  }),
  environment: z.object({ name: z.string(), kind: environmentKind, controlHost: z.string() }),
  mode: z.string(),
  operator: z.string(),
  /** Plain variables with their values; secret variables by name only. */
  variables: z.record(z.string(), z.string()),
  secretNames: z.array(z.string()),
  inventory: z.object({ fileName: z.string(), sha256: z.string() }).nullable(),
  /** The runbook's phases and their planned windows: the schedule the approver agrees to. */
  schedule: z.array(z.object({ phase: z.string(), window: z.string(), estimatedSeconds: z.number() })),
});
export type ApprovalPlan = z.infer<typeof approvalPlan>;

/** One signed approval as the run's log holds it (event `approval.granted`). */
export const approvalRecord = z.object({
  name: z.string(),
  role: z.string(),
  principal: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
  planSha256: z.string(),
  /** The canonical JSON statement the signature is over (it names the plan's hash). */
  statement: z.string(),
  signature: z.string(),
  signedAt: z.string(),
  recordedAt: z.string(),
  /** `trusted`: the workspace's trust file trusts the key for the principal; `not-judged`: no trust file. */
  trust: z.enum(['trusted', 'not-judged']),
  trustFile: z.string().nullable(),
  /** After an emergency start: the review after the fact. */
  retrospective: z.boolean(),
});
export type ApprovalRecord = z.infer<typeof approvalRecord>;

export const emergencyStart = z.object({ by: z.string(), at: z.string(), reason: z.string() });

export const approvalStates = [
  'awaiting',
  'approved',
  'emergency-review-pending',
  'emergency-reviewed',
] as const;

/** A run header's approval: absent when the run's environment kind needs none. */
export const runApproval = z.object({
  state: z.enum(approvalStates),
  requiredBecause: z.string(),
  approval: approvalRecord.nullable(),
  emergency: emergencyStart.nullable(),
  retrospective: approvalRecord.nullable(),
  /** Approvals that a change to the plan after them withdrew (absent until one is). */
  withdrawn: z.array(z.object({ at: z.string(), reason: z.string(), approval: approvalRecord })).optional(),
});
export type RunApproval = z.infer<typeof runApproval>;

/** The request file the operator exports for an approver on another machine. */
export const approvalRequestFile = z.object({
  format: z.literal('handrail-approval-request/1'),
  plan: approvalPlan,
  planSha256: z.string(),
  retrospective: z.boolean(),
});
export type ApprovalRequestFile = z.infer<typeof approvalRequestFile>;

/** The approval file the approver sends back: their statement, signature and key. */
export const approvalFile = z.object({
  format: z.literal('handrail-approval/1'),
  plan: approvalPlan,
  planSha256: z.string(),
  name: z.string(),
  role: z.string(),
  statement: z.string(),
  signature: z.string(),
  publicKey: z.string(),
  fingerprint: z.string(),
  signedAt: z.string(),
  retrospective: z.boolean(),
});
export type ApprovalFile = z.infer<typeof approvalFile>;

const approvalKey = z.discriminatedUnion('kind', [
  /** The Handrail key of the data folder the approver signs in (never the operator's, for approve-here). */
  z.strictObject({ kind: z.literal('handrail') }),
  z.strictObject({ kind: z.literal('ssh'), keyPath: z.string().min(1).max(4096) }),
]);

const fileText = z.string().min(1).max(4_000_000);
const policy = z.object({ requiredFor: z.array(environmentKind) });

export const approvalMethods = {
  /** The run's plan as it stands now, its hash, and the request file to export. */
  'approvals.plan': method(
    z.strictObject({ runId: runIdOf }),
    z.object({ plan: approvalPlan, planSha256: z.string(), request: z.string(), fileName: z.string() }),
  ),
  /** A second person approves on this machine with their own SSH key. */
  'approvals.approveHere': method(
    z.strictObject({ runId: runIdOf, name: approverName, role: approverRole, key: approvalKey }),
    runApproval,
  ),
  /** On the approver's own Handrail: sign an imported request; the answer is the approval file. */
  'approvals.signRequest': method(
    z.strictObject({ request: fileText, name: approverName, role: approverRole, key: approvalKey }),
    z.object({ approval: z.string(), fileName: z.string(), planSha256: z.string() }),
  ),
  /** The operator imports the approval file: checked against the run's plan now, then logged. */
  'approvals.import': method(z.strictObject({ runId: runIdOf, approval: fileText }), runApproval),
  /** Starts without approval, with a reason: marked everywhere, review after the fact demanded. */
  'approvals.emergencyStart': method(
    z.strictObject({ runId: runIdOf, reason: z.string().trim().min(1, 'a reason is required').max(10_000) }),
    runApproval,
  ),
  'approvals.policy': method(noParams, policy),
  'approvals.setPolicy': method(z.strictObject({ requiredFor: z.array(environmentKind) }), policy),
};

/** The kinds that need approval when the workspace never chose: production. */
export const defaultApprovalKinds: readonly EnvironmentKind[] = ['production'];
