import type { ApprovalRecord } from '../../../shared/contract/index';

/**
 * The approval events of a run's log (docs/approval.md). They are hash-chained with the rest,
 * so the approval, or the emergency start that stood in for it, is part of the signed record.
 */
export interface ApprovalEventPayloads {
  /** Recorded at the start of a run whose environment kind needs approval (the workspace's policy). */
  'approval.required': { kind: string; requiredFor: string[]; planSha256: string };
  /** A second person's signature over the plan's hash; `retrospective` after an emergency start. */
  'approval.granted': Omit<ApprovalRecord, 'recordedAt'>;
  /**
   * The approved plan changed (a variable): the approval no longer covers it, so the run awaits a
   * new one. Appended with the change, in the same transaction.
   */
  'approval.withdrawn': { reason: string };
  /** Started without approval: the reason, and review after the fact is owed. */
  'approval.emergencyStarted': { reason: string };
}
