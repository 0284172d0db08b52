import type { Handlers } from '../../../shared/rpc/server';
import type { ReplayService } from '../replay/replay-service';

/** Replay of a run's terminal sessions (issue 9, part 5). */
export function replayHandlers(replay: ReplayService): Handlers {
  return {
    'replay.outline': ({ runId }) => replay.outline(runId),
    'replay.chunks': (params) => replay.chunks(params),
  };
}
