import type { ReplaySpan } from '../../../shared/contract/index';
import { formatClock } from '../format/time';

/**
 * The session's time line: a bar per step attempt from where it started to where it ended, and
 * the play position. Clicking a step jumps to its start.
 */
export function ReplayTimeline({
  spans,
  durationMs,
  positionMs,
  onJump,
}: {
  spans: readonly ReplaySpan[];
  durationMs: number;
  positionMs: number;
  onJump(ms: number): void;
}) {
  const percent = (ms: number) => `${durationMs === 0 ? 0 : Math.min(100, (ms / durationMs) * 100)}%`;
  return (
    <div className="replay-timeline" aria-label="Steps on the time line" role="group">
      {spans.map((span) => {
        const start = span.startMs ?? 0;
        const end = span.endMs ?? durationMs;
        return (
          <button
            key={`${span.stepKey}#${span.attempt}`}
            type="button"
            className={`replay-span status-${span.status}`}
            style={{ left: percent(start), width: `max(0.4rem, ${percent(Math.max(0, end - start))})` }}
            title={`${span.title} (attempt ${span.attempt}, ${span.status}) at ${formatClock(start / 1000)}`}
            aria-label={`Jump to ${span.title}, attempt ${span.attempt}`}
            onClick={() => onJump(start)}
          />
        );
      })}
      <span className="replay-cursor" style={{ left: percent(positionMs) }} aria-hidden="true" />
    </div>
  );
}
