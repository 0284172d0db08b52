import type { RunDetail } from '../../../shared/contract/index';
import { draft, hostActor, type EventDraft } from '../run/run-event-types';

/**
 * A change to an approved plan withdraws the approval (docs/approval.md): what was authorised is
 * no longer what will run, so the run awaits a new approval of the plan as it is now. An
 * emergency start is not withdrawn (it was never an approval); its review after the fact covers
 * the plan as it stands then.
 */
export function withdrawnByChange(state: RunDetail, reason: string): EventDraft[] {
  if (state.run.approval?.state !== 'approved') return [];
  return [draft('approval.withdrawn', hostActor, null, { reason })];
}
