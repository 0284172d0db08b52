import type { RunApproval } from '../../../shared/contract/index';
import './approval.css';

const labels: Record<RunApproval['state'], string> = {
  awaiting: 'awaiting approval',
  approved: 'approved',
  'emergency-review-pending': 'EMERGENCY START · review pending',
  'emergency-reviewed': 'EMERGENCY START · reviewed',
};

/**
 * Where a run stands with approval before change (docs/approval.md), in the run header and the
 * runs list. An emergency start is marked in the destructive style for as long as the run exists.
 */
export function ApprovalBadge({ approval }: { approval: RunApproval | undefined }) {
  if (approval === undefined) return null;
  const emergency = approval.emergency !== null;
  return (
    <span
      className={`badge approval-badge ${emergency ? 'badge-danger' : approval.state === 'awaiting' ? 'badge-warn' : ''}`}
      data-testid="approval-state"
      data-state={approval.state}
    >
      {labels[approval.state]}
    </span>
  );
}
