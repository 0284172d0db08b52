import type { Handlers } from '../../../shared/rpc/server';
import type { SearchService } from '../search/search-service';

/** Search across runbooks, notes, comments and transcripts (issue 9, part 4). */
export function searchHandlers(search: SearchService): Handlers {
  return {
    'search.query': (params) => search.query(params),
  };
}
