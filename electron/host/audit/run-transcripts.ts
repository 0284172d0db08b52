import type { Database } from 'better-sqlite3';
import type { RunEvent, StepState } from '../../../shared/contract/index';
import { toAsciicast } from '../terminal/transcript/asciicast';
import { toAsciicastV3, type CastMarker } from '../terminal/transcript/asciicast-v3';
import { TranscriptStore } from '../terminal/transcript/transcript-store';

export interface RunCast {
  sessionId: string;
  /** The recording, asciicast v3 (or v2, which has no markers, as the terminal's own export). */
  text: string;
}

/**
 * A run's terminal sessions as asciicast v3, each with a marker where a step of the run started
 * (its key and title, so a player's marker list is the run's step list). The sessions are those
 * the log says the run opened (`terminal.opened`), in order; a step started while no session of
 * the run was recording is marked in none. Reads only: the transcript tables and the given log.
 */
export function runCasts(
  db: Database,
  events: readonly RunEvent[],
  steps: readonly StepState[],
  version: 2 | 3 = 3,
): RunCast[] {
  const store = new TranscriptStore(db);
  const titles = new Map(steps.map((step) => [step.key, step.title]));
  const starts = events.filter((event) => event.type === 'step.started' && event.stepKey !== null);
  const sessionIds = [
    ...new Set(
      events
        .filter((event) => event.type === 'terminal.opened')
        .map((event) => (event.payload as { terminalId: string }).terminalId),
    ),
  ];
  const casts: RunCast[] = [];
  for (const sessionId of sessionIds) {
    const session = store.session(sessionId);
    if (session === undefined) continue;
    const startMs = Date.parse(session.startedAt);
    const endMs = session.endedAt === null ? Number.POSITIVE_INFINITY : Date.parse(session.endedAt);
    const markers: CastMarker[] = starts
      .map((event) => ({ at: Date.parse(event.at), key: event.stepKey as string }))
      .filter(({ at }) => at >= startMs && at <= endMs)
      .map(({ at, key }) => ({ atMs: at - startMs, label: `${key}: ${titles.get(key) ?? key}` }));
    casts.push({
      sessionId,
      text:
        version === 2
          ? toAsciicast(session, store.chunks(sessionId), store.resizes(sessionId))
          : toAsciicastV3(session, store.chunks(sessionId), store.resizes(sessionId), markers),
    });
  }
  return casts;
}
