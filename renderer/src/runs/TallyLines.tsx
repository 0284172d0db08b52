import type { RunTally } from '../../../shared/contract/index';
import { runTallyLines } from '../../../shared/run/index';

/**
 * The run's one count in words (shared/run), as the header, the runs list, the sign-off dialog
 * and the reports all state it: the runbook's steps, then its host steps when it has any.
 */
export function TallyLines({ tally, testId = 'tally' }: { tally: RunTally; testId?: string }) {
  const [steps, hostSteps] = runTallyLines(tally);
  return (
    <span className="tally" data-testid={testId}>
      <span data-testid="tally-steps">{steps}</span>
      {hostSteps !== undefined && (
        <>
          <br />
          <span data-testid="tally-host-steps">{hostSteps}</span>
        </>
      )}
    </span>
  );
}
