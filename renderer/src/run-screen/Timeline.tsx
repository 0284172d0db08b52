import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { RunEvent } from '../../../shared/contract/index';
import { formatTime } from '../format/time';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { describeEvent } from './describe-event';
import { VisibleText } from '../format/visible-text';

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

/** One event as the timeline draws it. */
interface DrawnEvent {
  seq: number;
  type: string;
  time: string;
  actor: string;
  text: string;
}

/**
 * What was done, newest first, in words. The rows are worked out again only when the events or
 * the titles of their steps change, not on every render of the run screen: formatting 300 times
 * (Intl) and rebuilding 300 items took 35 ms of each `j` on a long run.
 */
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
  // The titles of the events' steps, as one string: the rows are worked out again when one changes.
  const titles = events
    .map((event) => (event.stepKey === null ? '' : (stepTitle(event.stepKey) ?? '')))
    .join('\u0000');
  const drawn = useMemo(() => {
    const names = titles.split('\u0000');
    const byKey = new Map(events.map((event, index) => [event.stepKey ?? '', names[index] ?? '']));
    return drawEvents(events, (key) => byKey.get(key) || undefined);
  }, [events, titles]);
  const older = eventCount - events.length;
  return (
    <section className="timeline" aria-label="Timeline">
      <h2 className="pane-title">Timeline</h2>
      {error !== undefined && <p className="error">{error}</p>}
      <TimelineItems drawn={drawn} />
      {events.length > 0 && older > 0 && (
        <p className="muted">{older} older events are in the run's log and report.</p>
      )}
    </section>
  );
}

/** Newest first, each with its time and description. */
function drawEvents(
  events: readonly RunEvent[],
  stepTitle: (key: string) => string | undefined,
): DrawnEvent[] {
  return [...events].reverse().map((event) => ({
    seq: event.seq,
    type: event.type,
    time: formatTime(event.at),
    actor: event.actor,
    text: describeEvent(event, stepTitle),
  }));
}

const TimelineItems = memo(function TimelineItems({ drawn }: { drawn: readonly DrawnEvent[] }) {
  return (
    <ol className="timeline-list">
      {drawn.map((event) => (
        <li
          key={event.seq}
          className={`timeline-event event-${event.type.replace('.', '-')}`}
          data-testid="timeline-event"
        >
          <span className="muted">{event.time}</span>{' '}
          <span className="muted">
            <VisibleText text={event.actor} />
          </span>{' '}
          <VisibleText text={event.text} />
        </li>
      ))}
    </ol>
  );
});
