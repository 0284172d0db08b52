import { useEffect, useState } from 'react';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { cutAtResizes, fromBase64 } from '../terminals/sized-output';
import type { ReplayBytes } from './replay-player';

type Resizes = ReadonlyArray<{ offset: number; cols: number; rows: number }>;
const noResizes: Resizes = [];

/**
 * A session's whole transcript, fetched page by page from the host, cut where the terminal was
 * resized so each piece is drawn at the size it was written at.
 */
export function useTranscript(
  sessionId: string | undefined,
  resizes: Resizes = noResizes,
): {
  chunks: ReplayBytes[] | undefined;
  error: string | undefined;
} {
  const { client } = useHost();
  const [chunks, setChunks] = useState<ReplayBytes[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setChunks(undefined);
    setError(undefined);
    if (client === undefined || sessionId === undefined) return;
    let live = true;
    const load = async () => {
      const all: ReplayBytes[] = [];
      let afterSeq = 0;
      for (;;) {
        const page = await client.call('replay.chunks', { sessionId, afterSeq });
        for (const chunk of page.chunks)
          for (const piece of cutAtResizes(fromBase64(chunk.data), chunk.offset, resizes))
            all.push({ atMs: chunk.atMs, ...piece });
        if (page.done || page.chunks.length === 0) return all;
        afterSeq = page.chunks.at(-1)?.seq ?? afterSeq;
      }
    };
    load().then(
      (all) => live && setChunks(all),
      (failure: unknown) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [client, sessionId, resizes]);
  return { chunks, error };
}
