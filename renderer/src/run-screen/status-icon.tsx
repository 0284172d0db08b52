import type { StepStatus } from '../../../shared/contract/index';

const icons: Record<StepStatus, string> = {
  pending: '○',
  running: '◔',
  succeeded: '✓',
  failed: '✗',
  skipped: '»',
  unknown: '?',
};

export const statusLabels: Record<StepStatus, string> = {
  pending: 'pending',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  unknown: 'outcome unknown',
};

export function StatusIcon({ status }: { status: StepStatus }) {
  return (
    <span
      className={`status-icon status-${status}`}
      role="img"
      aria-label={statusLabels[status]}
      title={statusLabels[status]}
    >
      {icons[status]}
    </span>
  );
}
