import { useEffect, useState } from 'react';
import type { WaitState } from '../../../shared/contract/index';
import { formatClock, formatTime } from '../format/time';

/** How often the countdown redraws; the host's timer, not this one, ends the wait. */
const tickMs = 250;

/** The time now, redrawn every tick while `active`. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** A wait as it stands: the live countdown (or poll progress), how it ended, a cut's reason. */
export function WaitCountdown({ wait }: { wait: WaitState }) {
  const running = wait.finishedAt === null;
  const now = useNow(running);
  const remaining = wait.endsAt === null ? 0 : (Date.parse(wait.endsAt) - now) / 1000;
  return (
    <div className="wait-state" data-testid="wait-state" role="timer">
      {running && wait.mode === 'countdown' && (
        <p className="countdown" aria-live="off">
          {remaining > 0 ? formatClock(remaining) : 'finishing…'} left
        </p>
      )}
      {running && wait.mode === 'poll' && (
        <p>
          Polling: {wait.pollAttempts} attempt{wait.pollAttempts === 1 ? '' : 's'}
          {wait.lastExitCode !== null && `, last exit code ${wait.lastExitCode}`}
          {wait.endsAt !== null && `; gives up in ${formatClock(remaining)}`}
        </p>
      )}
      {wait.mode === 'poll' && wait.lastOutput !== undefined && (
        <figure className="poll-output">
          <figcaption className="muted">
            Last poll&apos;s output
            {wait.inRunShell === false && ' (the run’s terminal was not open: polled in a fresh login shell)'}
          </figcaption>
          <pre className="command-output" data-testid="poll-output">
            {wait.lastOutput === '' ? '(no output)' : wait.lastOutput}
          </pre>
        </figure>
      )}
      {!running && (
        <p className="muted">
          Wait ended at {formatTime(wait.finishedAt ?? '')}
          {wait.timedOut && ' (timed out)'}
          {wait.cutReason !== null && `, cut short: ${wait.cutReason}`}
        </p>
      )}
    </div>
  );
}
