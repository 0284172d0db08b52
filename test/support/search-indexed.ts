import type { ParamsIn, SearchResult } from '../../shared/contract/index';
import type { RpcClient } from '../../shared/rpc/client';

/**
 * `search.query`, asked again until it answered with the transcript index caught up: the index
 * is made off the terminal stream by a worker thread, and a search answered before it caught up
 * says so (`catchingUp`). A test that expects output to be found, or not found, needs that answer.
 */
export async function searchIndexed(
  client: RpcClient,
  params: ParamsIn<'search.query'>,
  deadlineMs = 30_000,
): Promise<SearchResult> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const result = await client.call('search.query', params);
    if (!result.catchingUp) return result;
    if (Date.now() > end) throw new Error(`the transcript index did not catch up in ${deadlineMs} ms`);
  }
}
