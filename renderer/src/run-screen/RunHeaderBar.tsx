import { useEffect, useState } from 'react';
import type { RunHeader, RunTally } from '../../../shared/contract/index';
import { KindBadge } from '../environments/KindBadge';
import { formatDuration, secondsBetween } from '../format/time';
import { describeError } from '../library/describe-error';
import { TallyLines } from '../runs/TallyLines';
import type { DialogSpec } from './FormDialog';
import type { RunHandle } from './use-run';
import { VisibleText } from '../format/visible-text';
import { ApprovalBadge } from '../approval/ApprovalBadge';
import { LeftoversList, type RunLeftovers } from './run-leftovers';

/** The environment's colour behind the name: on production, on every run screen, unmissable. */
export function ProductionBanner({ run }: { run: RunHeader }) {
  if (run.environment.kind !== 'production') return null;
  return (
    <div
      className="production-banner"
      style={{ background: run.environment.colour }}
      role="banner"
      data-testid="production-banner"
    >
      {run.environment.name} · PRODUCTION — {run.mode}
    </div>
  );
}

/** Seconds the run has been going, paused time left out. */
function activeSeconds(run: RunHeader, now: number): number {
  const total = secondsBetween(run.createdAt, run.endedAt, now);
  const pausing = run.pausedAt === null ? 0 : secondsBetween(run.pausedAt, null, now);
  return Math.max(0, total - run.pausedSeconds - pausing);
}

function useMinuteClock(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

interface RunHeaderBarProps {
  run: RunHeader;
  /** The one count of the run's steps (shared/run/step-tally.ts). */
  tally: RunTally;
  readOnly: boolean;
  act: RunHandle['act'];
  open(spec: DialogSpec): void;
  /** What ending the run now leaves behind, shown before Finish and Abort. */
  leftovers: RunLeftovers;
}

/** The run at a glance (what, where, who, progress, time) and what can be done to the whole run. */
export function RunHeaderBar({ run, tally, readOnly, act, open, leftovers }: RunHeaderBarProps) {
  const [error, setError] = useState<string | undefined>(undefined);
  const now = useMinuteClock(run.status === 'active');
  const { steps } = tally;
  // The bar shows how far through the list the run is: steps with an outcome, whatever it was.
  const decided = steps.done + steps.failed + steps.skipped;
  const estimated = run.phases.reduce((sum, phase) => sum + phase.estimatedSeconds, 0);
  const byRun = { id: run.id };
  const direct = (work: Promise<void>) => {
    setError(undefined);
    work.catch((failure: unknown) => setError(describeError(failure)));
  };
  return (
    <header className="run-header">
      <div className="run-title">
        <h1>
          <VisibleText text={run.runbookTitle} />
        </h1>
        <span className="muted">revision {run.revision}</span>
        <span>
          {run.environment.name} <KindBadge kind={run.environment.kind} colour={run.environment.colour} />
        </span>
        <span className="badge">{run.mode}</span>
        <span className={`run-status run-status-${run.status}`} data-testid="run-status">
          {run.status}
        </span>
        <ApprovalBadge approval={run.approval} />
      </div>
      <div className="run-facts">
        <span data-testid="run-progress" className={steps.failed + steps.unknown > 0 ? 'warn' : undefined}>
          <TallyLines tally={tally} />
        </span>
        <progress max={Math.max(1, steps.total)} value={decided} aria-label="Steps with an outcome" />
        <span>
          elapsed {formatDuration(activeSeconds(run, now))} of about {formatDuration(estimated)} estimated
        </span>
        <span>
          operator <VisibleText text={run.operator} />
        </span>
      </div>
      {!readOnly && (
        <div className="actions" role="toolbar" aria-label="Run actions">
          {run.status === 'active' ? (
            <button type="button" onClick={() => direct(act('runs.pause', byRun))}>
              Pause
            </button>
          ) : (
            <button type="button" onClick={() => direct(act('runs.resume', byRun))}>
              Resume
            </button>
          )}
          <button
            type="button"
            onClick={() =>
              open({
                title: 'Hand the run over',
                intro: <p>Both names are recorded. The new operator acts from now on.</p>,
                fields: [{ name: 'operator', label: 'New operator', required: true }],
                submitLabel: 'Hand over',
                submit: (values) => act('runs.handover', { ...byRun, operator: values.operator ?? '' }),
              })
            }
          >
            Hand over
          </button>
          <button
            type="button"
            onClick={() =>
              open({
                title: 'Finish the run',
                intro: (
                  <>
                    <p>
                      The run ends as it stands: its terminal is closed and nothing more can be done in it.
                    </p>
                    <LeftoversList leftovers={leftovers} />
                  </>
                ),
                fields: [],
                submitLabel: 'Finish run',
                submit: () => act('runs.finish', byRun),
              })
            }
          >
            Finish run…
          </button>
          {/* Apart from the others, and red: it ends the run with whatever is left undone. */}
          <button
            type="button"
            className="danger run-abort"
            onClick={() =>
              open({
                title: 'Abort the run',
                intro: (
                  <>
                    <p className="error">
                      Aborting ends the run now, recorded as aborted with your reason. What is left stays as
                      it is:
                    </p>
                    <LeftoversList leftovers={leftovers} />
                  </>
                ),
                fields: [{ name: 'reason', label: 'Reason', multiline: true, required: true }],
                submitLabel: 'Abort the run',
                danger: true,
                submit: (values) => act('runs.abort', { ...byRun, reason: values.reason ?? '' }),
              })
            }
          >
            Abort…
          </button>
        </div>
      )}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </header>
  );
}
