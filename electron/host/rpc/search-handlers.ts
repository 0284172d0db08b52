import type { Handlers } from '../../../shared/rpc/server';
import type { SearchService } from '../search/search-service';
import type { TranscriptIndexer } from '../terminal/transcript/transcript-indexer';

/**
 * How long a search waits for the transcript index to take in the latest output (it is made off
 * the stream, by a worker thread): issue 17 allows the index to lag by up to a second. A search
 * that waited this long answers with what is indexed and says so (`catchingUp`).
 */
export const indexWaitMs = 1000;

/** Search across runbooks, notes, comments and transcripts (issue 9, part 4). */
export function searchHandlers(search: SearchService, indexer: TranscriptIndexer): Handlers {
  return {
    'search.query': async (params) => {
      const caughtUp = await indexer.caughtUp(indexWaitMs);
      return { ...search.query(params), catchingUp: !caughtUp };
    },
  };
}
