import { describeHold, type StepHold } from '../../../shared/contract/index';
import { useNow } from './WaitCountdown';

/**
 * Why the step should not be done yet (docs/runs.md, "Order"): a wait before it is still
 * running (with its time left), or, in a live production run, earlier steps are not done.
 */
export function HoldBanner({ hold }: { hold: StepHold }) {
  const now = useNow(hold.kind === 'wait');
  return (
    <div className="hold-banner" role="status" data-testid="step-hold" data-refused={hold.refused}>
      <strong>Held back:</strong> {describeHold(hold, now)}.{' '}
      {hold.refused
        ? 'In a live production run this step waits until the wait ends or is cut short (with a reason).'
        : 'Doing it now asks for a reason, which is recorded with the step.'}
    </div>
  );
}
