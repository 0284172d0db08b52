import type { RunEvent } from '../../../shared/contract/index';

/** The longest string a brief event keeps: the timeline quotes at most 160 characters. */
export const briefTextLength = 200;

/**
 * An event as the run screen's timeline draws it (`runs.events` with `brief`): each string of its
 * payload cut at `briefTextLength`. The newest 300 events of a long run carry the output of the
 * commands that ended among them (6 kB each in the bench, 1.8 MB in all), which the timeline
 * never shows. A brief event no longer matches its hash: it is for display, never for checking.
 */
export function briefEvent(event: RunEvent): RunEvent {
  const { payload } = event;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return event;
  let cut: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(payload as Record<string, unknown>)) {
    if (typeof value !== 'string' || value.length <= briefTextLength) continue;
    cut ??= { ...(payload as Record<string, unknown>) };
    cut[name] = `${value.slice(0, briefTextLength)}…`;
  }
  return cut === undefined ? event : { ...event, payload: cut };
}
