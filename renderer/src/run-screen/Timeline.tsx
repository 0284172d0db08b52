import { useEffect, useRef, useState } from 'react';
import type { RunEvent } from '../../../shared/contract/index';
import { formatTime } from '../format/time';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { describeEvent } from './describe-event';

/** Events fetched per request (the contract's ceiling is 10,000). */
const pageSize = 1000;
/** Rows drawn: the newest; a long run's full log is in its report. */
const shownEvents = 300;

/**
 * The newest events of the run's log, fetched from the host and topped up after every change.
 * Only the rows drawn are fetched: a long run's log holds every command's output, and reading it
 * all on every open would cost in proportion to the run's length (a long run's full log is in its
 * report).
 */
function useRunEvents(runId: string, eventCount: number): { events: RunEvent[]; error: string | undefined } {
  const { client } = useHost();
  const [events, setEvents] = useState<RunEvent[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const known = useRef<RunEvent[]>([]);
  useEffect(() => {
    if (client === undefined) return;
    let live = true;
    const topUp = async (known: RunEvent[]): Promise<RunEvent[]> => {
      let all = known;
      let afterSeq = Math.max(lastSeq(all), eventCount - 1 - shownEvents);
      for (;;) {
        // Brief: the timeline quotes a line of each event, never a command's whole output.
        const page = await client.call('runs.events', { id: runId, afterSeq, limit: pageSize, brief: true });
        all = page.length === 0 ? all : [...all, ...page].slice(-shownEvents);
        if (page.length < pageSize) return all;
        afterSeq = lastSeq(all);
      }
    };
    topUp(known.current).then(
      (all) => {
        // Two top-ups may overlap; the one that reached further is the newer one.
        if (!live || lastSeq(all) <= lastSeq(known.current)) return;
        known.current = all;
        setEvents(all);
      },
      (failure: unknown) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [client, runId, eventCount]);
  return { events, error };
}

function lastSeq(events: readonly RunEvent[]): number {
  return events.at(-1)?.seq ?? -1;
}

/** What was done, newest first, in words. */
export function Timeline({
  runId,
  eventCount,
  stepTitle,
}: {
  runId: string;
  eventCount: number;
  stepTitle: (key: string) => string | undefined;
}) {
  const { events, error } = useRunEvents(runId, eventCount);
  const newest = [...events].reverse();
  const older = eventCount - events.length;
  return (
    <section className="timeline" aria-label="Timeline">
      <h2 className="pane-title">Timeline</h2>
      {error !== undefined && <p className="error">{error}</p>}
      <ol className="timeline-list">
        {newest.map((event) => (
          <li
            key={event.seq}
            className={`timeline-event event-${event.type.replace('.', '-')}`}
            data-testid="timeline-event"
          >
            <span className="muted">{formatTime(event.at)}</span> <span className="muted">{event.actor}</span>{' '}
            {describeEvent(event, stepTitle)}
          </li>
        ))}
      </ol>
      {events.length > 0 && older > 0 && (
        <p className="muted">{older} older events are in the run's log and report.</p>
      )}
    </section>
  );
}
