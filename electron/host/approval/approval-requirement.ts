import type { Database } from 'better-sqlite3';
import type { RunDetail } from '../../../shared/contract/index';
import { draft, hostActor, type EventDraft } from '../run/run-event-types';
import { planOf, planSha256 } from './approval-plan';
import { ApprovalPolicy } from './approval-policy';

/**
 * The event that locks a new run until approval, when its environment's kind needs one (the
 * workspace's policy, production by default). It records the policy and the plan's hash at the
 * start, so the log says why the run waited and what it was asked to do.
 */
export function approvalRequirement(db: Database, state: RunDetail): EventDraft[] {
  const requiredFor = new ApprovalPolicy(db).requiredFor();
  const { kind } = state.run.environment;
  if (!requiredFor.includes(kind)) return [];
  const planHash = planSha256(planOf(db, state));
  return [draft('approval.required', hostActor, null, { kind, requiredFor, planSha256: planHash })];
}
